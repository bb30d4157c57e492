/**
 * The routes the dispute worker's activities call (workflows/worker/src/clients/agency-api.ts): planning a case reads
 * the town's current policy and its agencies, naming a responsible person or a joint agency reads that account or
 * agency, and every clock asks the calendar. Nothing else: its token sees every town, so on any other route (listing
 * staff accounts, creating agencies, the policy history…) a leaked worker key would read or change far more than
 * the workflows need. Each of these routes declares the workflow engine among its callers; workflow-engine.spec.ts
 * holds the route table to this list, so letting the engine call one more route is a change someone reviews here.
 */
export const WORKFLOW_ENGINE_OPERATIONS = [
  'getCurrentPolicy',
  'listAgencies',
  'getAgency',
  'getStaff',
  'addWorkingDays',
  'addCalendarDays',
  'periodEnd',
] as const;
