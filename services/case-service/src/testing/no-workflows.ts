import type { RepairWorkflows, WorkflowInspector } from '@gongzhi/dispute-client';

/** Temporal as a stuck scan sees it with no case workflow at all: for suites that never get as far as Temporal. */
export const noWorkflows: WorkflowInspector = {
  // No workflow, so no page.
  runningPages: async function* () {
    yield* [];
  },
  listBlocked: async () => [],
  listClosedSince: async () => [],
  runningAmong: async () => new Set<string>(),
  describe: async () => null,
  state: async () => null,
  lastWorkflowTaskFailure: async () => null,
};

/** Repairs' Temporal operations for suites in which no repair gets as far as Temporal: any call fails the test. */
export const untouchedRepairWorkflows: RepairWorkflows = {
  repair: () => Promise.reject(new Error('not in this suite')),
  retryActivities: () => Promise.reject(new Error('not in this suite')),
  terminate: () => Promise.reject(new Error('not in this suite')),
  reset: () => Promise.reject(new Error('not in this suite')),
};
