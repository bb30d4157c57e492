/**
 * What the timeline's entries about joint mediation and judicial confirmation record beyond their label: which
 * agencies joined, who declined to sign the agreement off and why, and the court's ruling. Readers leave out anything
 * they do not know (an older or newer entry's), so an entry never shows a raw code.
 */
import type { CaseSchemas } from '../common/api/client';
import { SIGN_OFF_DECLINE_REASONS, type SignOffDeclineReason } from '../common/api/vocabulary';

type Details = CaseSchemas['TimelineEvent']['details'];

/** What the level's rule did with an agreement a joint agency would not sign (the workflow's JointDeclineRule). */
export type JointDeclineConsequence = 'proceed-without' | 'return-to-mediation';
export const JOINT_DECLINE_CONSEQUENCES: readonly JointDeclineConsequence[] = [
  'proceed-without',
  'return-to-mediation',
];

export interface SignOffDeclined {
  agencyId: string | null;
  reason: SignOffDeclineReason | null;
  consequence: JointDeclineConsequence | null;
}

/** Reads an `agreement-sign-off-declined` entry: the agency that declined, its reason, and the rule's consequence. */
export function signOffDeclinedOf(details: Details): SignOffDeclined {
  const agencyId = details['declinedFor'];
  const reason = details['reason'];
  const consequence = details['consequence'];
  return {
    agencyId: typeof agencyId === 'string' ? agencyId : null,
    reason: (SIGN_OFF_DECLINE_REASONS as readonly unknown[]).includes(reason) ? (reason as SignOffDeclineReason) : null,
    consequence: (JOINT_DECLINE_CONSEQUENCES as readonly unknown[]).includes(consequence)
      ? (consequence as JointDeclineConsequence)
      : null,
  };
}

/** Reads a `joint-agencies-added` entry: the agencies that joined the level. */
export function jointAgenciesOf(details: Details): string[] {
  const ids = details['agencyIds'];
  return Array.isArray(ids) ? ids : [];
}

/** Reads a `confirmation-decided` entry: whether the court confirmed the agreement (null when it does not say). */
export function confirmationDecidedOf(details: Details): boolean | null {
  const confirmed = details['confirmed'];
  return typeof confirmed === 'boolean' ? confirmed : null;
}
