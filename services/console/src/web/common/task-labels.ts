/**
 * What a task is called on screen. A `handle-rejection` task opened because no agency could be chosen by rule (a
 * village without a mediation committee) is not a bounced transfer, so it is named for what the coordinator does:
 * name the receiving agency.
 */
export const UNROUTED_REASONS: readonly string[] = ['village-without-committee', 'no-village-given'];

/** The key under `common:taskKinds` for a task. */
export function taskKindKey(task: { kind: string; reason?: string | null }): string {
  return task.kind === 'handle-rejection' && UNROUTED_REASONS.includes(task.reason ?? '') ? 'route-case' : task.kind;
}

/** The key under `common:phases` for a case's phase, given its open tasks. */
export function phaseKey(phase: string, openTasks: readonly { kind: string; reason?: string | null }[]): string {
  return phase === 'transfer-rejected' && openTasks.some((task) => taskKindKey(task) === 'route-case')
    ? 'awaiting-routing'
    : phase;
}
