// The barrel the worker's bundle is built from: every workflow the dispute worker runs, and nothing else.
export { disputeCaseWorkflow } from './dispute-case.workflow';
