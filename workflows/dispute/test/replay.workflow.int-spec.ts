/**
 * The determinism gate: every committed history (one per major branch, recorded by the time-skipping tests with
 * GONGZHI_RECORD_HISTORIES=1) must replay on the workflow code as it is now. A change that would break running
 * cases fails here, in CI, instead of in production; `patched()` is how a change keeps old histories replayable.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { buildWorkflowBundle } from '../scripts/bundle';
import { HISTORIES_DIR, HISTORY_SHAPE, HISTORY_SUFFIX, historyFromJson, historyToJson } from './support/harness';

/** The histories of one shape of the workflow: the top level (the first shape) or one of its folders. */
function historiesIn(folder: string) {
  return readdirSync(path.join(HISTORIES_DIR, folder))
    .filter((file) => file.endsWith(HISTORY_SUFFIX))
    .sort()
    .map((file) => ({
      name: path.join(folder, file.slice(0, -HISTORY_SUFFIX.length)),
      history: historyFromJson(readFileSync(path.join(HISTORIES_DIR, folder, file), 'utf8')),
    }));
}

const shapes = readdirSync(HISTORIES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const histories = ['', ...shapes].flatMap(historiesIn);
/** Every major branch, recorded in the first shape and again in the current one. */
const BRANCHES = [
  'clock-expired-escalated',
  'acceptance-reminded-urged-late', // recorded before the urge-again patch
  'acceptance-urged-again', // recorded after it
  'mediate-task-reassigned',
  'transfer-rejected-rerouted',
  'extension-approved',
  'refusal-closed',
  'referred-to-litigation',
  'urgent-risk-escalated',
  'joint-mediation-land-boundary',
  'follow-up-resolved',
  'judicial-confirmation', // recorded before the follow-up deadlines patch
  'judicial-confirmation-window-outlived', // recorded after it
  'penalty-track-reopened',
  'withdrawn',
  'merged-into-other',
  'merge-survivor',
  'blocked-then-fixed', // recorded before retry-now could wake the blocked backoff
  'repair-extend-acceptance',
  'repair-resend-urging',
  'named-staff-and-agencies-checked', // recorded after the named-check patch
  'joint-agency-of-another-town-refused',
  'level-entry-in-parallel', // recorded after the parallel level-entry patch
  'acceptance-in-parallel', // recorded after the parallel acceptance patch
  'periods-end-at-day-end', // recorded after the periods patch: clocks end at 24:00 of their last day
  'first-session-next-deadline', // recorded after the first-session next-deadline patch
  'follow-up-visit-within-period', // recorded after the visit-within patch: the visit task opens at once
  'joint-sign-off-declined-back-to-mediation', // a joint agency declines; the level's default rule
  'joint-sign-off-declined-proceed-without', // a joint agency declines; final on the others' sign-offs
  'village-without-committee-routed', // the coordinators name the committee
  'office-closing-times', // working-day deadlines end at the offices' closing times
  'confirmation-accepted-then-decided', // the court's 15 days run from its acceptance (acceptance patch)
  'risk-raised-moves-to-police', // a risk raised during the case moves it
  'party-risk-flag-moves-case', // a party's risk flag from party-service, told once
  'party-risk-flag-not-back-to-sender', // not back to the agency that handed the case on
];

/** Branches no test records any more (the follow-up deadlines patch made it judicial-confirmation-window-outlived). */
const FIRST_SHAPE_ONLY = new Set(['judicial-confirmation']);
/** Branches first recorded in the current shape: a continued run, and repairs that had no history before. */
const CURRENT_SHAPE_ONLY = [
  'continued-as-new',
  'repair-retry-now',
  'repair-extend-mediation',
  'repair-reopen-task',
  'repair-reassign-task',
  'upgraded-while-running', // started on the code before, carried on under it
];

async function replayAll(workflowBundle: { code: string }) {
  const results: { name: string; error: unknown }[] = [];
  const replays = Worker.runReplayHistories(
    { workflowBundle },
    histories.map(({ name, history }) => ({ workflowId: name, history })),
  );
  for await (const result of replays) results.push({ name: result.workflowId, error: result.error });
  return results;
}

describe('replaying the committed histories', () => {
  it('has a history for every major branch, in the first shape and in the current one', () => {
    const names = histories.map((h) => h.name);
    expect(names).toEqual(expect.arrayContaining(BRANCHES));
    expect(shapes).toContain(HISTORY_SHAPE);
    const current = [...BRANCHES.filter((branch) => !FIRST_SHAPE_ONLY.has(branch)), ...CURRENT_SHAPE_ONLY];
    expect(names).toEqual(expect.arrayContaining(current.map((branch) => path.join(HISTORY_SHAPE, branch))));
  });

  it('keeps them as JSON that turns back into the recorded history byte for byte', () => {
    const folders = ['', ...shapes];
    const others = folders.flatMap((folder) =>
      readdirSync(path.join(HISTORIES_DIR, folder), { withFileTypes: true })
        .filter((entry) => entry.isFile() && !entry.name.endsWith(HISTORY_SUFFIX))
        .map((entry) => path.join(folder, entry.name)),
    );
    expect(others).toEqual([]);
    for (const { name, history } of histories) {
      const json = readFileSync(path.join(HISTORIES_DIR, `${name}${HISTORY_SUFFIX}`), 'utf8');
      expect({ name, same: historyToJson(history) === json }).toEqual({ name, same: true });
      expect(history.events.length).toBeGreaterThan(3);
    }
  });

  it('replays every one of them on the current workflow code', async () => {
    const results = await replayAll(await buildWorkflowBundle());
    expect(results.filter((r) => r.error).map((r) => `${r.name}: ${String(r.error)}`)).toEqual([]);
    expect(results).toHaveLength(histories.length);
  });

  it('fails them on a change made without patched(), so the gate can catch one', async () => {
    const changed = await buildWorkflowBundle(require.resolve('./fixtures/unpatched-change.workflow.ts'));
    const results = await replayAll(changed);
    expect(results).toHaveLength(histories.length);
    // By name: Jest's module registry can hold a second copy of the SDK's error classes.
    expect(results.map((r) => (r.error as Error | undefined)?.name)).toEqual(
      histories.map(() => 'DeterminismViolationError'),
    );
  });
});
