/**
 * The dispute workflow seen from outside it: starting a case's workflow, sending it people's actions and
 * administrators' repairs as Updates, and describing running workflows for the stuck scan. Used by case-service,
 * beside the workflow it drives, so a change to the workflow's messages and this client is made in one place.
 */
export * from './case-workflows';
export * from './repair-workflows';
export * from './workflow-inspector';
