/**
 * What the party-risk consumer asks of Temporal: the workflow's `partyRiskFlagged` Update, and how its failures are
 * told apart. Nobody waits at a terminal here, so nothing becomes an HTTP problem: a case that can no longer take it
 * is skipped, a refusal is final, and everything else (Temporal unreachable or slow) is left for the caller to retry.
 */
import {
  ApplicationFailure,
  type Client,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type WorkflowUpdateHandle,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  WorkflowUpdateStage,
} from '@temporalio/client';
import {
  DISPUTE_REJECTIONS,
  type DisputeState,
  type PartyRiskFlaggedInput,
  partyRiskFlaggedUpdate,
} from '@gongzhi/contracts';

/**
 * How long Temporal gets to have the workflow accept the Update (its validator runs on a worker): a worker that is down
 * must not hold the consumer (and its database transaction) for long; the event is retried instead.
 */
const ACCEPT_DEADLINE_MS = 20_000;

/**
 * How long an accepted Update gets to complete. A workflow applies it once the command before it is done; one whose
 * main loop waits on a failing activity (agency-service down, a case an administrator must repair) would otherwise
 * hold every later flag on the partition. Accepted is already durable, so after this the case counts as told.
 */
const COMPLETE_WAIT_MS = 5_000;

/**
 * What came of telling one case's workflow: applied; accepted (durable in its history, to be applied once the
 * workflow gets to it); or a case that can no longer take it.
 */
export type PartyRiskDelivery = 'applied' | 'accepted' | 'case-closed' | 'workflow-not-running';

export interface PartyRiskWorkflows {
  /**
   * Sends the `partyRiskFlagged` Update and waits until the workflow accepted it (and a moment for it to complete). One
   * `updateId` acts once (and the workflow applies one flag id once). A closed case or a finished or missing workflow
   * is an answer, not an error; the workflow's refusal of the input (or a failure the contract does not name) throws
   * {@link PartyRiskRefusedError}; anything else (Temporal unreachable, no worker to accept it) is thrown as it came.
   */
  partyRiskFlagged(workflowId: string, input: PartyRiskFlaggedInput, updateId: string): Promise<PartyRiskDelivery>;
}

/** The workflow refused the Update for good (its input, by the contract): sending it again would be refused again. */
export class PartyRiskRefusedError extends Error {
  override readonly name = 'PartyRiskRefusedError';

  constructor(
    /** The workflow's rejection type (`InvalidInput` …), or `update-failed` for a failure the contract does not name. */
    readonly rejection: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The delivery a failed Update still counts as, or the refusal to throw; undefined for anything else (Temporal down,
 * a deadline): the caller's to retry.
 */
export function partyRiskOutcomeOf(error: unknown): PartyRiskDelivery | PartyRiskRefusedError | undefined {
  // Temporal answers NOT_FOUND for a workflow that never started and for one that already finished.
  if (error instanceof WorkflowNotFoundError) return 'workflow-not-running';
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    if (cause instanceof ApplicationFailure && cause.type === DISPUTE_REJECTIONS.closed) return 'case-closed';
    if (cause instanceof ApplicationFailure && cause.type) return new PartyRiskRefusedError(cause.type, cause.message);
    return new PartyRiskRefusedError('update-failed', 'The workflow could not apply the party risk flag.');
  }
  return undefined;
}

/** gRPC codes of requests that would be refused again however often they are sent. */
const GRPC_INVALID_ARGUMENT = 3;
const GRPC_UNIMPLEMENTED = 12;

/**
 * Temporal unreachable, slow or failing for now: the Update may well succeed later. Everything the client raises as
 * a ServiceError counts, except a request the server called malformed; a permission or namespace problem is a
 * configuration being fixed, and retrying beats dead-lettering every event meanwhile.
 */
export function isTemporalTransient(error: unknown): boolean {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { name, message, cause } = error as { name?: unknown; message?: unknown; cause?: unknown };
  if (name === 'ServiceError') {
    const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
    return code !== GRPC_INVALID_ARGUMENT && code !== GRPC_UNIMPLEMENTED;
  }
  if (name === 'NamespaceNotFoundError' || name === 'ConnectionError' || name === 'TransportError') return true;
  return typeof message === 'string' && /\b14 UNAVAILABLE|DEADLINE_EXCEEDED/.test(message);
}

/** A failed Update as the delivery it counts as, or thrown (the refusal, or what the caller retries). */
function settle(error: unknown): PartyRiskDelivery {
  const outcome = partyRiskOutcomeOf(error);
  if (outcome === undefined || outcome instanceof PartyRiskRefusedError) throw outcome ?? error;
  return outcome;
}

export function createPartyRiskWorkflows(client: Client): PartyRiskWorkflows {
  return {
    async partyRiskFlagged(workflowId, input, updateId) {
      let update: WorkflowUpdateHandle<DisputeState>;
      try {
        // Returns once the validator accepted it, or with its rejection as the outcome (thrown by `result` below).
        update = await client.withDeadline(Date.now() + ACCEPT_DEADLINE_MS, () =>
          client.workflow.getHandle(workflowId).startUpdate(partyRiskFlaggedUpdate, {
            args: [input],
            updateId,
            waitForStage: WorkflowUpdateStage.ACCEPTED,
          }),
        );
      } catch (error) {
        return settle(error);
      }
      try {
        await client.withDeadline(Date.now() + COMPLETE_WAIT_MS, () => update.result());
        return 'applied';
      } catch (error) {
        // A rejection comes with the answer above, without asking Temporal again: only it is a failure here.
        if (error instanceof WorkflowUpdateFailedError) return settle(error);
        // Accepted, not completed in time (or the wait for it failed): durable in the workflow's history all the same.
        return 'accepted';
      }
    },
  };
}
