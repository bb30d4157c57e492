import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { countingTokenSource, type HttpDouble, problem, startHttpDouble } from '../testing/http-double';
import {
  createRefusalCounter,
  createServiceClient,
  encodePath,
  MAX_RETRY_AFTER_MS,
  type RefusalCounter,
  SERVICE_REFUSED_FAILURE,
  TransientServiceError,
  UNEXPECTED_RESPONSE_FAILURE,
} from './service-client';

describe('the worker’s service client', () => {
  let peer: HttpDouble;
  beforeEach(async () => {
    peer = await startHttpDouble();
  });
  afterEach(() => peer.close());

  function client(options: { timeoutMs?: number; baseUrl?: string; refusals?: RefusalCounter } = {}) {
    const tokens = countingTokenSource();
    const api = createServiceClient({
      service: 'agency-service',
      baseUrl: options.baseUrl ?? peer.baseUrl,
      tokens,
      timeoutMs: options.timeoutMs ?? 2_000,
      ...(options.refusals ? { refusals: options.refusals } : {}),
    });
    return { api, tokens };
  }

  /** The rejection of a call, for assertions on its class and fields. */
  async function failureOf(call: Promise<unknown>): Promise<unknown> {
    try {
      await call;
    } catch (error) {
      return error;
    }
    throw new Error('the call succeeded');
  }

  it('sends the bearer token and a JSON body, and returns the validated answer', async () => {
    peer.answer({ status: 200, body: { result: 'ok', extra: 'ignored' } });
    const { api } = client();
    const body = await api.read({
      method: 'PUT',
      path: '/x',
      query: { days: 3 },
      body: { a: 1 },
      response: z.object({ result: z.string() }),
    });
    expect(body).toEqual({ result: 'ok' });
    const [sent] = peer.requests;
    expect(sent).toMatchObject({ method: 'PUT', url: '/x?days=3', body: { a: 1 } });
    expect(sent?.headers.authorization).toBe('Bearer token-1');
    expect(sent?.headers['content-type']).toBe('application/json');
  });

  it('retries a 429 or a 503 with Retry-After after the pause the service named, and counts each one', async () => {
    const refusals = createRefusalCounter();
    const { api } = client({ refusals });
    const cases: [Parameters<HttpDouble['answer']>[0], number][] = [
      [{ ...problem(429, 'rate-limited', 'Too many requests'), headers: { 'retry-after': '7' } }, 7_000],
      [{ ...problem(503, 'dependency-unavailable', 'Unavailable'), headers: { 'retry-after': '2' } }, 2_000],
      // No Retry-After on a 429: a short pause, not the policy's backoff.
      [problem(429, 'rate-limited', 'Too many requests'), 1_000],
      // A service asking for an hour is misconfigured: the pause is capped.
      [{ status: 429, headers: { 'retry-after': '3600' } }, MAX_RETRY_AFTER_MS],
    ];
    for (const [answer, delayMs] of cases) {
      peer.answer(answer);
      const error = await failureOf(api.send({ method: 'POST', path: '/y', body: {} }));
      expect(error).toBeInstanceOf(ApplicationFailure);
      const failure = error as ApplicationFailure;
      expect(failure.type).toBe(SERVICE_REFUSED_FAILURE);
      expect(failure.nonRetryable).toBe(false);
      expect(failure.nextRetryDelay).toBe(delayMs);
    }
    expect(refusals.total()).toBe(4);
    expect(refusals.snapshot()).toEqual({ 'agency-service 429': 3, 'agency-service 503': 1 });
  });

  it('retries what may pass: 5xx (without Retry-After) and 408 are plain retryable errors', async () => {
    const { api } = client();
    for (const answer of [
      problem(503, 'dependency-unavailable', 'Dependency unavailable'),
      { status: 500 },
      { status: 502, body: '<html>bad gateway</html>', contentType: 'text/html' },
      { status: 408 },
    ]) {
      peer.answer(answer);
      const error = await failureOf(api.send({ method: 'POST', path: '/y', body: {} }));
      expect(error).toBeInstanceOf(TransientServiceError);
      expect(error).not.toBeInstanceOf(ApplicationFailure);
      expect((error as TransientServiceError).status).toBe(answer.status);
    }
  });

  it('turns any other 4xx into a non-retryable failure with the problem’s type and title, never its body', async () => {
    peer.answer(problem(409, 'conflict', 'Conflict with the current state', 'Case 7 belongs to Zhang San'));
    const { api } = client();
    const error = await failureOf(api.send({ method: 'POST', path: '/cases/7/tasks/a1/close', body: {} }));
    expect(error).toBeInstanceOf(ApplicationFailure);
    const failure = error as ApplicationFailure;
    expect(failure.nonRetryable).toBe(true);
    expect(failure.type).toBe('urn:gongzhi:problem:conflict');
    expect(failure.message).toContain('409 Conflict with the current state');
    expect(failure.message).toContain('req-42');
    expect(failure.message).not.toContain('Zhang San');
    expect(JSON.stringify(failure.details)).not.toContain('Zhang San');
  });

  it('names a 4xx without a problem body by its status', async () => {
    peer.answer({ status: 400, body: 'nope', contentType: 'text/plain' });
    const error = await failureOf(client().api.send({ method: 'GET', path: '/z' }));
    expect(error).toMatchObject({ type: 'http-400', nonRetryable: true });
  });

  it('lets a caller give a refusal its business meaning', async () => {
    peer.answer(problem(404, 'not-found', 'Not found'));
    const error = await failureOf(
      client().api.send({
        method: 'PUT',
        path: '/p',
        body: {},
        failureTypeFor: (status) => (status === 404 ? 'CaseNotFound' : undefined),
      }),
    );
    expect(error).toMatchObject({ type: 'CaseNotFound', nonRetryable: true });
  });

  it('retries a refused token with a new one', async () => {
    peer.answer(problem(401, 'unauthenticated', 'Unauthenticated'), { status: 204 });
    const { api, tokens } = client();
    expect(await failureOf(api.send({ method: 'GET', path: '/a' }))).toBeInstanceOf(TransientServiceError);
    expect(tokens.invalidations).toBe(1);
    await api.send({ method: 'GET', path: '/a' });
    expect(peer.requests.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('gives up on a service that does not answer within the timeout, retryably', async () => {
    peer.answer({ status: 200, hang: true });
    const started = Date.now();
    const error = await failureOf(client({ timeoutMs: 200 }).api.send({ method: 'GET', path: '/slow' }));
    expect(error).toBeInstanceOf(TransientServiceError);
    expect((error as Error).message).toContain('no answer within 200 ms');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('treats a service that is not listening as retryable', async () => {
    const closed = await startHttpDouble();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const error = await failureOf(client({ baseUrl }).api.send({ method: 'GET', path: '/down' }));
    expect(error).toBeInstanceOf(TransientServiceError);
    expect((error as Error).message).toContain('could not reach the service');
  });

  it('refuses, without retrying, an answer that breaks the contract, naming fields but not values', async () => {
    peer.answer({ status: 200, body: { result: 'Li Si', n: 'not a number' } });
    const error = await failureOf(
      client().api.read({ method: 'GET', path: '/r', response: z.object({ result: z.string(), n: z.number() }) }),
    );
    expect(error).toMatchObject({ type: UNEXPECTED_RESPONSE_FAILURE, nonRetryable: true });
    expect((error as Error).message).toContain('at n');
    expect((error as Error).message).not.toContain('Li Si');
  });

  it('encodes each value in a path as one segment', () => {
    const key = 'c-1:wf:7';
    expect(encodePath`/cases/${'c 1'}/timeline/${key}`).toBe('/cases/c%201/timeline/c-1%3Awf%3A7');
  });
});
