/**
 * The Idempotency-Key of one submission of a form (a repair, a batch, a saved view). It is made when the form opens
 * and shown there; a retry of the same submission (a lost answer, a service that did not answer, a repair still
 * running) sends it again, so the service carries the change out once. It is replaced when the submission is over
 * (done, or refused and logged under it), and when the person changes what they send after a failed attempt: the
 * service would refuse the old key with other contents (422 idempotency-key-reused).
 */
export interface SubmissionKey {
  /** The key the next request sends. */
  key: string;
  /** What was last sent under it (its JSON), while the outcome leaves a retry open. */
  sent: string | null;
}

export function freshSubmission(newKey: () => string): SubmissionKey {
  return { key: newKey(), sent: null };
}

/** The key to send `body` with: the same one for a retry of the same contents, a new one for other contents. */
export function keyForSending(state: SubmissionKey, body: unknown, newKey: () => string): SubmissionKey {
  const json = JSON.stringify(body);
  if (state.sent !== null && state.sent !== json) return { key: newKey(), sent: json };
  return { key: state.key, sent: json };
}

/** What a failed attempt leaves: the problem's status, type and extensions as the service answered them. */
export interface AttemptProblem {
  status: number;
  problem: { type?: string; [extension: string]: unknown };
}

/**
 * Whether the submission is over after this answer: a success, or a refusal the service logged under the key (it
 * names the `repairId`, and answers the same refusal to any retry). A network error, a 5xx, a rate limit or a repair
 * still being carried out leave it open: the retry must carry the same key.
 */
export function submissionOver(outcome: { ok: true } | { ok: false; error: unknown }): boolean {
  if (outcome.ok) return true;
  const error = outcome.error as Partial<AttemptProblem> | undefined;
  if (!error || typeof error.status !== 'number' || !error.problem) return false;
  if (error.status >= 500 || error.status === 429) return false;
  if ((error.problem.type ?? '').endsWith(':repair-in-progress')) return false;
  return typeof error.problem['repairId'] === 'string';
}

/** The state after an answer: a fresh key once the submission is over, the same one while a retry is open. */
export function afterAnswer(
  state: SubmissionKey,
  outcome: { ok: true } | { ok: false; error: unknown },
  newKey: () => string,
): SubmissionKey {
  return submissionOver(outcome) ? freshSubmission(newKey) : state;
}
