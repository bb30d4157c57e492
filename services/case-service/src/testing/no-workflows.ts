import type { WorkflowInspector } from '@gongzhi/dispute-client';

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
