import type { Principal, RevealableField, StaffRole } from '@gongzhi/contracts';
import { isWorkflowEngine } from '@gongzhi/auth';
import { ForbiddenError } from '@gongzhi/errors';

/**
 * Who may do what with parties. Visibility (which parties) is `canSee` from @gongzhi/auth; these lists decide the
 * actions. Administrators operate the system: they see parties masked (to repair data) but never register,
 * change or reveal personal data.
 */

/** Intake and case work: anyone who meets parties registers them. */
export const REGISTER_ROLES: readonly StaffRole[] = ['grid-worker', 'mediator', 'liaison', 'coordinator'];
export const UPDATE_ROLES: readonly StaffRole[] = REGISTER_ROLES;

/**
 * Full values on request (`?reveal=`), every reveal audited. The ID number is needed on a mediation agreement
 * (调解协议书), a police record or a court filing: mediators, liaisons and coordinators. The phone is needed to
 * visit or call a party (回访): grid workers too.
 */
export const REVEAL_ROLES: Readonly<Record<RevealableField, readonly StaffRole[]>> = {
  idNumber: ['mediator', 'liaison', 'coordinator'],
  phone: ['grid-worker', 'mediator', 'liaison', 'coordinator'],
};

/**
 * Risk flags route a dispute (docs/domain.md: violence risk, group disputes and key persons go straight to the police),
 * so only the coordinator (综治中心) and agency liaisons (the police station's among them) set or clear them.
 * Tokens do not carry the agency kind yet, so "police liaison" cannot be told from other liaisons here.
 */
export const RISK_FLAG_ROLES: readonly StaffRole[] = ['coordinator', 'liaison'];

/** Bringing another agency in (a transfer, joint mediation) is case work. */
export const GRANT_ROLES: readonly StaffRole[] = ['mediator', 'liaison', 'coordinator'];

/**
 * Whether the agency that registered a possible duplicate gets the town's existing record of that person: the
 * coordinator (综治中心), who sees both records, decides, and says why. Administrators never change access.
 */
export const REVIEW_DUPLICATE_ROLES: readonly StaffRole[] = ['coordinator'];

/**
 * party-service serves staff only. The dispute worker's `workflow-engine` token sees every town (canSee lets it, for
 * its case work elsewhere) and none of its activities calls party-service, so accepting it here would turn a leaked
 * worker key into a read of every town's personal data and risk flags.
 */
export function requireStaff(principal: Principal): void {
  if (isWorkflowEngine(principal)) {
    throw new ForbiddenError(
      'party-service serves staff only: the workflow engine has no business with parties, and refers to them by id.',
    );
  }
}
