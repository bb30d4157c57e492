/** What the case diagnosis page reads out of a CaseDiagnosis beyond its plain fields. */
import type { CaseSchemas } from '../common/api/client';
import type { RepairKind } from './repair-requests';

export type CaseDiagnosis = CaseSchemas['CaseDiagnosis'];
export type DiagnosedTask = CaseDiagnosis['openTasks'][number];

/** One legal clock of the workflow's state, with whatever of it the state carries. */
export interface ClockView {
  name: string;
  startedAt: string | null;
  dueAt: string | null;
  rule: string | null;
  expiredAt: string | null;
  remindedAt: string | null;
}

const stringOr = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/**
 * The state's clocks (acceptance, first session, mediation: `clocks` is typed loosely on the wire) that are running
 * or ran: a clock not started (null) is left out, and so is anything that is not a clock's shape.
 */
export function clocksOf(clocks: Record<string, unknown> | null | undefined): ClockView[] {
  return Object.entries(clocks ?? {}).flatMap(([name, value]) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
    const clock = value as Record<string, unknown>;
    const view: ClockView = {
      name,
      startedAt: stringOr(clock['startedAt']),
      dueAt: stringOr(clock['dueAt']),
      rule: stringOr(clock['rule']),
      expiredAt: stringOr(clock['expiredAt']),
      remindedAt: stringOr(clock['remindedAt']),
    };
    return view.startedAt || view.dueAt ? [view] : [];
  });
}

/** The string key (in `admin`) for whether the workflow still awaits a task. */
export function awaitedKey(awaited: boolean | null): string {
  if (awaited === null) return 'diagnosis.awaited.unknown';
  return awaited ? 'diagnosis.awaited.yes' : 'diagnosis.awaited.no';
}

/** What the console serves in place of the Web UI's address when it runs from the dev server (not filled in). */
const PLACEHOLDER = '__TEMPORAL_UI__';

/**
 * The workflow's page in Temporal's Web UI: the console writes the namespace's address into the page
 * (`<meta name="temporal-ui">`), a workflow is `<it>/workflows/<id>`. None when the console was not told where the
 * Web UI is, or the address is not an http(s) one (it is put in a link).
 */
export function temporalWorkflowUrl(namespaceUrl: string | null | undefined, workflowId: string): string | undefined {
  const base = (namespaceUrl ?? '').trim();
  if (!base || base === PLACEHOLDER || !workflowId) return undefined;
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return `${base.replace(/\/+$/, '')}/workflows/${encodeURIComponent(workflowId)}`;
}

/** The open tasks first that the workflow no longer awaits (the ones to look at), then by due date. */
export function tasksInOrder(tasks: readonly DiagnosedTask[]): DiagnosedTask[] {
  const rank = (task: DiagnosedTask) =>
    task.awaitedByWorkflow === false ? 0 : task.awaitedByWorkflow === null ? 1 : 2;
  return [...tasks].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.dueAt ?? '\uffff').localeCompare(b.dueAt ?? '\uffff') ||
      a.openedAt.localeCompare(b.openedAt),
  );
}

/**
 * How urgently the diagnosis reads: `error` when something is broken (the workflow task or an activity keeps
 * failing, the workflow is blocked, it awaits an action nobody can see, a task is open that it no longer awaits, or
 * record and workflow disagree), `warning` when a task is overdue, `info` otherwise.
 */
export function diagnosisTone(diagnosis: CaseDiagnosis): 'error' | 'warning' | 'info' {
  const open = diagnosis.caseStatus === 'open' || diagnosis.caseStatus === 'opening';
  const running = diagnosis.workflowStatus === 'RUNNING';
  const broken =
    open !== running ||
    diagnosis.workflowTask !== null ||
    diagnosis.state?.blocked ||
    diagnosis.pendingActivities.some((activity) => activity.attempt > 1) ||
    diagnosis.actionsWithoutTask.length > 0 ||
    diagnosis.openTasks.some((task) => task.awaitedByWorkflow === false);
  if (broken) return 'error';
  return diagnosis.openTasks.some((task) => (task.overdueMs ?? 0) > 0) ? 'warning' : 'info';
}

/**
 * The repair the diagnosis page opens with: a retry when something fails or is blocked, an extended deadline when
 * what holds the case is an overdue task the workflow awaits; a retry otherwise. The administrator may choose another.
 */
export function suggestedRepair(diagnosis: CaseDiagnosis): RepairKind {
  const failing = diagnosis.state?.blocked || diagnosis.pendingActivities.some((activity) => activity.attempt > 1);
  if (failing) return 'retry-activity';
  const overdue = diagnosis.openTasks.some((task) => task.awaitedByWorkflow !== false && (task.overdueMs ?? 0) > 0);
  return overdue ? 'extend-deadline' : 'retry-activity';
}
