import type {
  Actor,
  CasePlan,
  DisputeAction,
  DisputeActionKind,
  DisputeState,
  OpenAction,
  RouteStep,
} from '@gongzhi/contracts/dispute';
import type { CaseSteps } from '../case-steps';
import type { Rejection } from '../rejections';

/** One accepted action being applied: what was asked, by whom, and the task it completes or works under. */
export interface ActionStep<K extends DisputeActionKind = DisputeActionKind> {
  action: Extract<DisputeAction, { kind: K }>;
  /** The acting staff member's id. */
  who: string;
  actorAgencyId: string;
  task: OpenAction | undefined;
  /** Closes the task the action completes (nothing when it works under one that stays open). */
  completeTask: () => Promise<void>;
  /** When the action was taken, in the workflow's clock (ISO 8601). */
  at: string;
}

/** An action being checked against the case's state, once who acts and on which task have passed. */
export interface ActionCheck<K extends DisputeActionKind = DisputeActionKind> {
  action: Extract<DisputeAction, { kind: K }>;
  actor: Actor;
  /** The task it completes or works under (undefined for actions bound to none). */
  task: OpenAction | undefined;
  /** The case's plan (an action is never checked before the case is planned). */
  plan: CasePlan;
  /** The route's step the case is at. */
  step: RouteStep | undefined;
  /** The workflow's clock, in milliseconds. */
  now: number;
}

/**
 * Each of these action kinds: whether the case's state allows it (`check`, pure, run by the Update validator and again
 * when the action is processed; none when the task alone decides), and how it changes the case (`apply`).
 */
export type ActionHandlers<K extends DisputeActionKind> = {
  [Kind in K]: {
    check?: (state: DisputeState, check: ActionCheck<Kind>) => Rejection | null;
    apply: (c: CaseSteps, step: ActionStep<Kind>) => Promise<void>;
    /**
     * Starts the agency-service reads `apply` will make that do not depend on whom the action names, so they run while
     * that is checked (READ_AHEAD_PATCH); resolves once they are done. The case is as `apply` will find it.
     */
    readAhead?: ReadAhead<Kind>;
  };
};

/** Starts the agency-service reads an action's `apply` will make, ahead of its checks (READ_AHEAD_PATCH). */
export type ReadAhead<K extends DisputeActionKind = DisputeActionKind> = (
  c: CaseSteps,
  step: Pick<ActionStep<K>, 'action' | 'at'>,
) => Promise<void>;
