/**
 * The patch markers of the dispute workflow, oldest first. Each names a change made while cases were running: code
 * behind `patched(NAME)` runs for new cases and for running ones from the marker on, while histories recorded before
 * it replay as they ran. Never rename or remove one while a case that may have recorded it is still open.
 */

/**
 * 督办 repeats: if the agency still has not answered one working day after the coordinators urged, they get another
 * urging task. Introduced with `patched()` (histories of cases urged before it replay unchanged).
 */
export const URGE_AGAIN_PATCH = 'urge-again-after-one-working-day';

/**
 * The people and agencies an action names are checked with agency-service before it is applied (see
 * {@link DisputeCase.refusalOfNamed}). Histories of actions accepted before it replay unchanged.
 */
export const NAMED_CHECK_PATCH = 'named-staff-and-agencies-checked';

/** See followUpDeadlinesCounted (publish.ts). */
export const FOLLOW_UP_DEADLINES_PATCH = 'next-deadline-includes-follow-up';

/**
 * The statutory first session (the police's 3 working days) is the case's next deadline until a session is held, as
 * the timeline's reminder and overdue entries already treated it. Histories from before it keep their next deadlines.
 */
export const FIRST_SESSION_DEADLINE_PATCH = 'next-deadline-includes-first-session';

/**
 * Entering a level runs the side effects that do not depend on each other side by side (the route's timeline entry
 * with the acceptance deadline; the transfer's timeline entry with its accept-transfer task), so a new case shows its
 * first task two round trips sooner. Histories from before it replay one after another, as they ran.
 */
export const PARALLEL_LEVEL_ENTRY_PATCH = 'level-entry-effects-in-parallel';

/**
 * Accepting a transfer closes its tasks while both of the level's deadlines are computed, then records the acceptance
 * while the mediate task opens: two rounds of side effects instead of five or six one after another, so the liaison's
 * click is answered sooner. Histories from before it replay as they ran.
 */
export const PARALLEL_ACCEPTANCE_PATCH = 'acceptance-effects-in-parallel';

/**
 * A period ends at 24:00 (Asia/Shanghai) of its last day, and a calendar-day period whose last day is a holiday or a
 * rest day ends with the next working day (民法典 arts. 200–204), instead of at the time of day its clock started.
 * Clocks computed before it keep the deadlines their histories recorded.
 */
export const PERIOD_END_PATCH = 'periods-end-at-end-of-day';

/**
 * 回访 "within 15 days of the agreement taking effect": the visit task opens when the agreement is final (and again
 * after a visit finds it still being performed), due by the end of that period, instead of opening only when the
 * period is over. Histories from before it opened the task at the period's end.
 */
export const VISIT_WITHIN_PATCH = 'follow-up-visit-due-within-period';

/**
 * The court's 15 days to decide on a judicial confirmation run from its acceptance (受理) of the application, not from
 * the application: the application's task is first due within the 3 days the court has to accept, and a recorded
 * acceptance re-times it. Histories from before it counted the 15 days from the application.
 */
export const CONFIRMATION_ACCEPTANCE_PATCH = 'court-decides-within-15-days-of-acceptance';

/**
 * A transition's case-service writes (timeline entries, tasks closed, opened and reminded, the case's progress) are
 * gathered while it runs and committed by one activity in one database transaction at its end: the case's record,
 * timeline and tasks never disagree halfway through a step, and a new case shows its first task after three
 * activities instead of six. Histories from before it replay with one activity per write, as they ran.
 */
export const ONE_COMMIT_PATCH = 'transition-writes-in-one-commit';

/**
 * agency-service's reads (the route plan, deadlines, the staff and agencies an action names) run as local activities:
 * in the worker, inside the workflow task, instead of one round trip through Temporal's task queue each. A person's
 * click then waits on one activity, the transition's commit, instead of three. Histories from before it replay their
 * reads as activities.
 */
export const LOCAL_AGENCY_READS_PATCH = 'agency-reads-as-local-activities';

/**
 * A transition's commit runs as a local activity too: an Update, its reads and its commit complete in one workflow
 * task, so a person's click waits on no activity task at all. A commit failing for about 15 s marks the case blocked,
 * retried at least every minute. Histories from before it replay their commits as activities.
 */
export const LOCAL_COMMIT_PATCH = 'transition-commit-as-local-activity';

/**
 * An action's agency-service reads that do not depend on the named-person check (an acceptance's deadlines, from the
 * moment the Update is processed) run while that check runs, instead of after it: one round of local activities
 * fewer in the click's wait. A refused action made the reads and uses none of them. Histories from before it replay
 * their reads one after the other, the acceptance timed after the check.
 */
export const READ_AHEAD_PATCH = 'action-reads-alongside-named-check';
