import { afterAnswer, freshSubmission, keyForSending, submissionOver } from './submission-key';

function keys() {
  let n = 0;
  return () => `key-${(n += 1)}`;
}

const refusedAndLogged = {
  status: 409,
  problem: { type: 'urn:gongzhi:problem:nothing-to-retry', repairId: 'r-1' },
};

describe("a form submission's Idempotency-Key", () => {
  it('is sent again when the same submission is retried after a lost answer', () => {
    const newKey = keys();
    const opened = freshSubmission(newKey);
    const body = { kind: 'terminate', reason: 'workflow lost after the 3 Nov outage' };
    const first = keyForSending(opened, body, newKey);
    const lost = afterAnswer(first, { ok: false, error: new TypeError('Failed to fetch') }, newKey);
    const retry = keyForSending(lost, { ...body }, newKey);
    expect(first.key).toBe(opened.key);
    expect(retry.key).toBe(first.key);
  });

  it('is kept while the service is down, rate-limits, or is still carrying the repair out', () => {
    for (const error of [
      { status: 503, problem: { type: 'urn:gongzhi:problem:dependency-unavailable' } },
      { status: 429, problem: { type: 'urn:gongzhi:problem:rate-limited' } },
      { status: 409, problem: { type: 'urn:gongzhi:problem:repair-in-progress', repairId: 'r-1' } },
      { status: 400, problem: { type: 'urn:gongzhi:problem:validation-failed' } },
    ]) {
      expect(submissionOver({ ok: false, error })).toBe(false);
    }
  });

  it('is replaced once the submission is over: done, or refused and logged under it', () => {
    const newKey = keys();
    const sent = keyForSending(
      freshSubmission(newKey),
      { kind: 'resend-urging', reason: 'agency reached by phone' },
      newKey,
    );
    expect(afterAnswer(sent, { ok: true }, newKey).key).not.toBe(sent.key);
    expect(afterAnswer(sent, { ok: false, error: refusedAndLogged }, newKey)).toEqual({ key: 'key-3', sent: null });
  });

  it('is replaced when other contents are sent after a failed attempt (the service would refuse the old key)', () => {
    const newKey = keys();
    const sent = keyForSending(freshSubmission(newKey), { reason: 'first words' }, newKey);
    const failed = afterAnswer(sent, { ok: false, error: { status: 502, problem: {} } }, newKey);
    const changed = keyForSending(failed, { reason: 'better words' }, newKey);
    expect(changed.key).not.toBe(sent.key);
    expect(changed.sent).toBe(JSON.stringify({ reason: 'better words' }));
  });
});
