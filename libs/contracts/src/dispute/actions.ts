/**
 * Every human action, defined once. case-service validates requests with {@link DisputeActionSchema} (and publishes
 * it in its OpenAPI document); the dispute workflow's `act` Update validator runs the same schema before its state
 * checks. The schema only checks: it never transforms (no trimming, no defaults), so what the workflow records is
 * exactly what was sent, and a validator that parses gives the same answer as the edge.
 *
 * Ids are UUIDs and free text is refused: anything else could carry personal data into the workflow's history.
 */
import { instant, isUuid, UUID_PATTERN } from '../primitives';
import { z } from '../zod';
import { CLOSE_REASONS, LADDER_LEVELS, REJECTION_REASONS, RISK_FLAGS, SIGN_OFF_DECLINE_REASONS } from './vocabulary';

/** A coordinator extends a level's mediation by at most this many days at once (twice the default policy's 30). */
/** Staff, agency and document ids are UUIDs; the workflow checks the ids of its own inputs with the same test. */
export { isUuid };

export const MAX_EXTEND_DAYS = 60;
/** At most this many agencies join one level's mediation beside the agency that holds it. */
export const MAX_JOINT_AGENCIES = 10;
/** A court's filing reference (立案号), e.g. (2026)湘0101民初123号: short, with digits, no free text. */
// CJK Unified Ideographs by range, not \p{Script=Han}: a pattern without flags reads the same in OpenAPI's JSON Schema.
export const COURT_FILING_REF = /^(?=.*\d)[()（）\d\u4e00-\u9fffA-Za-z-]{4,40}$/;

function id(what: string) {
  return z.string().regex(UUID_PATTERN, `name ${what} by its id (a UUID)`).openapi({ format: 'uuid' });
}

const INSTANT_MESSAGE = 'an ISO 8601 instant with an offset, e.g. 2026-03-22T02:00:00.000Z';
/** An instant an action gives (when a session was held, an agreement took effect…). */
const at = () => instant(INSTANT_MESSAGE).openapi({ example: '2026-03-22T02:00:00.000Z' });

/** Each action kind with its fields: the keys are the kinds, the values their schemas. */
const ACTIONS = {
  // accept-transfer
  'accept-transfer': z.strictObject({
    kind: z.literal('accept-transfer'),
    /** The mediator who will be responsible for the case at the receiving agency. */
    responsibleStaffId: id('the staff member responsible for mediating the case'),
  }),
  'reject-transfer': z.strictObject({ kind: z.literal('reject-transfer'), reason: z.enum(REJECTION_REASONS) }),
  // handle-rejection: send to the same agency again, to another level of the ladder, or close
  reroute: z.strictObject({
    kind: z.literal('reroute'),
    toLevel: z.enum(LADDER_LEVELS),
    agencyId: id('the receiving agency').optional(),
  }),
  'close-case': z.strictObject({ kind: z.literal('close-case'), reason: z.enum(CLOSE_REASONS) }),
  // urge-acceptance
  'record-urging': z.strictObject({ kind: z.literal('record-urging') }),
  // mediate (the task stays open for sessions and requests)
  'record-session': z.strictObject({ kind: z.literal('record-session'), heldAt: at() }),
  'request-extension': z.strictObject({ kind: z.literal('request-extension') }),
  'request-escalation': z.strictObject({ kind: z.literal('request-escalation') }),
  'record-refusal': z.strictObject({ kind: z.literal('record-refusal'), party: z.enum(['applicant', 'respondent']) }),
  'record-agreement': z.strictObject({
    kind: z.literal('record-agreement'),
    effectiveAt: at().optional(),
    /** The uploaded 调解协议书 (a document of this case). */
    documentId: id('the agreement document').optional(),
  }),
  'record-failure': z.strictObject({
    kind: z.literal('record-failure'),
    /** The court's filing reference, once filed: a reference, not a description. */
    courtFilingRef: z
      .string()
      .regex(COURT_FILING_REF, 'give the court’s filing reference only, e.g. (2026)湘0101民初123号')
      .optional(),
  }),
  // approve-extension
  'decide-extension': z.strictObject({ kind: z.literal('decide-extension'), approve: z.boolean() }),
  // decide-escalation
  decide: z.strictObject({
    kind: z.literal('decide'),
    decision: z.enum(['escalate', 'extend', 'close']),
    /** Required when closing. */
    closeReason: z.enum(CLOSE_REASONS).optional(),
    /** When extending: the days added (the level's own extension when left out). */
    extendDays: z
      .number()
      .int()
      .min(1, `extend by 1 to ${MAX_EXTEND_DAYS} days`)
      .max(MAX_EXTEND_DAYS, `extend by 1 to ${MAX_EXTEND_DAYS} days`)
      .optional(),
  }),
  // coordinator, during mediation
  'add-joint-agencies': z.strictObject({
    kind: z.literal('add-joint-agencies'),
    agencyIds: z
      .array(id('each agency'))
      .min(1, 'list the agencies to add')
      .max(MAX_JOINT_AGENCIES, `at most ${MAX_JOINT_AGENCIES} agencies can join one level`),
  }),
  // joint-sign-off
  'sign-off': z.strictObject({ kind: z.literal('sign-off') }),
  'decline-sign-off': z.strictObject({ kind: z.literal('decline-sign-off'), reason: z.enum(SIGN_OFF_DECLINE_REASONS) }),
  // follow-up-visit
  'record-follow-up-visit': z.strictObject({
    kind: z.literal('record-follow-up-visit'),
    performance: z.enum(['performing', 'performed', 'not-performed']),
  }),
  // the parties applied for judicial confirmation (any follow-up phase), and the court's decision
  'record-confirmation-application': z.strictObject({
    kind: z.literal('record-confirmation-application'),
    appliedAt: at(),
  }),
  'record-confirmation-acceptance': z.strictObject({
    kind: z.literal('record-confirmation-acceptance'),
    /** When the court accepted (受理) the application: its 15 days to decide run from here. */
    acceptedAt: at(),
  }),
  'record-confirmation-decision': z.strictObject({
    kind: z.literal('record-confirmation-decision'),
    confirmed: z.boolean(),
  }),
  // any time
  withdraw: z.strictObject({ kind: z.literal('withdraw') }),
  // any involved person or a coordinator: a risk seen during the case (民转刑, a group forming, a key person)
  'raise-risk': z.strictObject({
    kind: z.literal('raise-risk'),
    flags: z
      .array(z.enum(RISK_FLAGS))
      .min(1, 'name the risks')
      .max(RISK_FLAGS.length)
      .refine((flags) => new Set(flags).size === flags.length, 'list each risk once'),
  }),
} as const;

/** Every human action: the body case-service takes and the workflow's `act` Update carries. */
export const DisputeActionSchema = z
  .discriminatedUnion('kind', [
    ACTIONS['accept-transfer'],
    ACTIONS['reject-transfer'],
    ACTIONS.reroute,
    ACTIONS['close-case'],
    ACTIONS['record-urging'],
    ACTIONS['record-session'],
    ACTIONS['request-extension'],
    ACTIONS['request-escalation'],
    ACTIONS['record-refusal'],
    ACTIONS['record-agreement'],
    ACTIONS['record-failure'],
    ACTIONS['decide-extension'],
    ACTIONS.decide,
    ACTIONS['add-joint-agencies'],
    ACTIONS['sign-off'],
    ACTIONS['decline-sign-off'],
    ACTIONS['record-follow-up-visit'],
    ACTIONS['record-confirmation-application'],
    ACTIONS['record-confirmation-acceptance'],
    ACTIONS['record-confirmation-decision'],
    ACTIONS.withdraw,
    ACTIONS['raise-risk'],
  ])
  .openapi('DisputeAction');

/** Every human action. `actionId` (beside it in the Update) names the open action (task) it completes, if any. */
export type DisputeAction = z.output<typeof DisputeActionSchema>;
export type DisputeActionKind = DisputeAction['kind'];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// The table and the union list the same kinds: an action added to one and not the other fails to compile here.
const _sameKinds: Same<keyof typeof ACTIONS, DisputeActionKind> = true;

/**
 * What is wrong with an action's fields, in one sentence naming the field; null when it is well formed. The
 * workflow's validator answers with this before it looks at the case's state.
 */
export function disputeActionProblem(action: unknown): string | null {
  const parsed = DisputeActionSchema.safeParse(action);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  if (!issue) return 'The action is not well formed.';
  const path = issue.path.length > 0 ? `action.${issue.path.join('.')}` : 'action';
  return `${path}: ${issue.message}.`;
}
