export { createDisputeActivities, type DisputeActivityDeps } from './dispute-activities';
