/** Where `nx run dispute-workflows:bundle` writes the workflow bundle the production worker loads. */
export const WORKFLOW_BUNDLE_FILE = 'workflows/dispute/dist/dispute-workflows.bundle.js';
