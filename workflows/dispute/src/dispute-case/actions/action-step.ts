import type { DisputeAction, DisputeActionKind, OpenAction } from '@gongzhi/contracts/dispute';
import type { DisputeCase } from '../dispute-case';

/** One accepted action being applied: what was asked, by whom, and the task it completes or works under. */
export interface ActionStep<K extends DisputeActionKind = DisputeActionKind> {
  action: Extract<DisputeAction, { kind: K }>;
  /** The acting staff member's id. */
  who: string;
  actorAgencyId: string;
  task: OpenAction | undefined;
  /** Closes the task the action completes (nothing when it works under one that stays open). */
  completeTask: () => Promise<void>;
}

/** How each of these action kinds changes the case (its state checks are in action-rules.ts). */
export type ActionHandlers<K extends DisputeActionKind> = {
  [Kind in K]: (c: DisputeCase, step: ActionStep<Kind>) => Promise<void>;
};
