/**
 * The dispute-case workflow's public surface, imported by the workflow and by every caller (case-service,
 * worker, tests) so names and payload types can never drift apart.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DisputeType, LadderLevel } from './vocabulary';

/** Task queue served by the dispute worker. */
export const DISPUTE_TASK_QUEUE = 'gongzhi-dispute';

/** Workflow type name, for callers that start it by name rather than by function reference. */
export const DISPUTE_WORKFLOW_TYPE = 'disputeCaseWorkflow';

/** One workflow per case: the id is derived from the case id, so a repeated start can never open a second run. */
export function makeDisputeWorkflowId(caseId: string): string {
  return `dispute-case-${caseId}`;
}

/** What the workflow needs to start. Ids and codes only: no personal data ever enters a workflow history. */
export interface DisputeWorkflowInput {
  caseId: string;
  townCode: string;
  disputeType: DisputeType;
  /** Calendar days the first level has to mediate (people's mediation: about 30 days). */
  firstLevelClockDays: number;
}

export type DisputeStage = 'village-mediation' | 'mediation-clock-expired' | 'closed';

/** Why a case was closed. */
export type ClosureReason = 'agreement' | 'withdrawn' | 'merged';

/** The full state a caller can read with {@link getDisputeStateQuery}. */
export interface DisputeState {
  caseId: string;
  level: LadderLevel;
  stage: DisputeStage;
  /** ISO instant at which the current clock runs out. */
  deadline: string;
  closure?: { reason: ClosureReason; closedBy: string; closedAt: string };
}

/** Returns the case's current {@link DisputeState}. */
export const getDisputeStateQuery = defineQuery<DisputeState>('getDisputeState');

/** Input of {@link closeDisputeUpdate}. */
export interface CloseDisputeInput {
  reason: ClosureReason;
  /** Staff id of the person closing the case. */
  actorId: string;
}

/** Closes the case; rejected when it is already closed. Returns the new state. */
export const closeDisputeUpdate = defineUpdate<DisputeState, [CloseDisputeInput]>('closeDispute');
