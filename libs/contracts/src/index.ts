export * from './case/case-api';
export * from './case/task-api';
export * from './case/workflow-api';
export * from './dispute';
export * from './search-attributes';
export { z } from './zod';
export * from './identity';
export * from './agency/agency-api';
export * from './party/party-api';
