/**
 * Who the case page offers which control to. The services decide (a control shown in error meets a 403, shown by the
 * ProblemAlert); these keep the page from offering what the person's roles can never do.
 */
import type { CaseView, Task } from '../common/api/client';
import type { SessionInfo } from '../common/session/session';

type Session = Pick<SessionInfo, 'staff'> | null | undefined;

const hasAny = (session: Session, roles: readonly string[]) =>
  session?.staff.roles.some((role) => roles.includes(role)) ?? false;

/** case-service's UPLOADERS (documents.service.ts): who may add a document to a case, uploaded or generated. */
export const DOCUMENT_ADDERS: readonly string[] = ['mediator', 'liaison', 'coordinator', 'administrator'];

/** Adding documents, uploaded or generated: the roles above, on a case not merged into another (go there instead). */
export function canAddDocuments(session: Session, caseView: Pick<CaseView, 'status'>): boolean {
  return hasAny(session, DOCUMENT_ADDERS) && caseView.status !== 'merged';
}

/** case-service's EDITORS: who may confirm or dismiss a possible duplicate (on two cases they both see). */
export const DUPLICATE_DECIDERS: readonly string[] = ['mediator', 'liaison', 'coordinator', 'administrator'];

export function canDecideDuplicates(session: Session): boolean {
  return hasAny(session, DUPLICATE_DECIDERS);
}

/** The roles the workflow counts as working a case (action-rules.ts `isInvolved`), besides the town's coordinator. */
const CASE_WORKERS: readonly string[] = ['mediator', 'liaison', 'coordinator'];

/**
 * Raising a risk (the workflow's `raise-risk`): a coordinator, or a mediator or liaison of an agency working the case —
 * the one holding it now, or one with a task on it (a joint agency signing off). Only while the case is open.
 */
export function canRaiseRisk(
  session: Session,
  caseView: Pick<CaseView, 'status' | 'progress'>,
  tasks: readonly Pick<Task, 'agencyId' | 'status'>[],
): boolean {
  if (!session || caseView.status !== 'open') return false;
  if (session.staff.roles.includes('coordinator')) return true;
  if (!hasAny(session, CASE_WORKERS)) return false;
  const agency = session.staff.agencyId;
  return (
    caseView.progress.agencyId === agency || tasks.some((task) => task.status === 'open' && task.agencyId === agency)
  );
}
