/**
 * The activities' one way to call a service: JSON over HTTP with the worker's bearer token and a per-request timeout,
 * and one error contract for Temporal. A refusal the same request would get again (4xx) is a bug in the caller, not
 * weather: it becomes a non-retryable ApplicationFailure carrying the problem's type. Anything that may pass (5xx,
 * 408, 429, 401, timeouts, connection errors) is a plain retryable error, so the workflow's retry policy applies.
 * A 429, or a 503 with `Retry-After`, is the service asking for a pause: it is counted (see {@link RefusalCounter})
 * and retried after the pause the service named, not after the policy's growing backoff.
 *
 * Bodies are never logged or copied into errors: a failure names the service, method, path, status, problem type
 * and title, and the service's request id to look it up by.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { ServiceTokenSource } from '@gongzhi/auth';
import type { z } from 'zod';

/** ApplicationFailure type of a 2xx answer that does not have the shape the contract promises. */
export const UNEXPECTED_RESPONSE_FAILURE = 'UnexpectedServiceResponse';

/** The name a retryable failure carries in Temporal (a plain Error's `name` becomes the failure's type). */
export class TransientServiceError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransientServiceError';
  }
}

/** ApplicationFailure type of a service's "not now" (429, or 503 with Retry-After): retried after its Retry-After. */
export const SERVICE_REFUSED_FAILURE = 'ServiceRefusedForNow';

/** The longest pause a Retry-After may impose on an activity; a longer one is the service misconfigured. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * How often the services told the worker "not now" (429, or 503 with Retry-After), per service and status. The worker
 * must never be throttled by its own services (its calls are exempt from their limits); a count above zero means a
 * service is misconfigured (no WORKFLOW_ENGINE_PUBLIC_KEY_FILE, a proxy limiting in front of it) or overloaded.
 */
export interface RefusalCounter {
  record(service: string, status: number): void;
  /** Counts so far, keyed `<service> <status>`. */
  snapshot(): Record<string, number>;
  total(): number;
}

export function createRefusalCounter(): RefusalCounter {
  const counts = new Map<string, number>();
  let total = 0;
  return {
    record(service, status) {
      const key = `${service} ${status}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      total += 1;
    },
    snapshot: () => Object.fromEntries(counts),
    total: () => total,
  };
}

/** Retry-After in milliseconds (delta-seconds or an HTTP date), capped; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date = new Date()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now.getTime();
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/** The parts of an RFC 9457 problem the worker reads; everything else in the body stays unread. */
export interface ProblemSummary {
  type: string | null;
  title: string | null;
  requestId: string | null;
}

export interface ServiceRequest {
  method: 'GET' | 'PUT' | 'POST';
  /** Path with its segments already encoded (see {@link encodePath}). */
  path: string;
  query?: Record<string, string | number>;
  body?: unknown;
  /**
   * A business meaning for a refusal, e.g. a 404 on a case → `CaseNotFound`: returns the failure type to raise
   * (non-retryable) instead of the problem's own type, or undefined to keep the default mapping.
   */
  failureTypeFor?: (status: number, problem: ProblemSummary) => string | undefined;
}

export interface ServiceClient {
  /** A call whose 2xx JSON answer is validated against `response` and returned. */
  read<T>(request: ServiceRequest & { response: z.ZodType<T> }): Promise<T>;
  /** A call whose 2xx answer carries nothing the worker needs: the body is discarded unread. */
  send(request: ServiceRequest): Promise<void>;
}

export interface ServiceClientOptions {
  /** Names the service in failures, e.g. `case-service`. */
  service: string;
  /** Without a trailing slash. */
  baseUrl: string;
  tokens: ServiceTokenSource;
  timeoutMs: number;
  /** Node 20's global fetch unless a test injects another. */
  fetch?: typeof fetch;
  /** Counts the services' "not now" answers; shared by the worker's clients so one log line covers them all. */
  refusals?: RefusalCounter;
}

/** Builds a path from literal parts and values, percent-encoding each value as one segment. */
export function encodePath(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce(
    (path, part, i) => path + part + (i < values.length ? encodeURIComponent(values[i] ?? '') : ''),
    '',
  );
}

const RETRYABLE_CLIENT_STATUSES = new Set([
  408, // the service gave up waiting for our request
  429, // rate limited: later is fine
  401, // the token was refused: a renewed token (or a fixed key on the service) lets the retry through
]);

function isProblemLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readProblem(response: Response): Promise<ProblemSummary> {
  const empty: ProblemSummary = { type: null, title: null, requestId: null };
  const contentType = response.headers.get('content-type') ?? '';
  if (!/^application\/(problem\+)?json\b/i.test(contentType)) {
    await response.body?.cancel();
    return empty;
  }
  try {
    const parsed: unknown = await response.json();
    if (!isProblemLike(parsed)) return empty;
    const text = (key: string) => {
      const value = parsed[key];
      return typeof value === 'string' ? value : null;
    };
    return { type: text('type'), title: text('title'), requestId: text('requestId') };
  } catch {
    return empty;
  }
}

export function createServiceClient(options: ServiceClientOptions): ServiceClient {
  const doFetch = options.fetch ?? fetch;

  /** The validated body when a schema is given, `null` when the body was discarded. */
  async function exchange<T>(request: ServiceRequest, schema: z.ZodType<T> | undefined): Promise<{ data: T } | null> {
    const url = new URL(options.baseUrl + request.path);
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, String(value));
    const what = `${options.service} ${request.method} ${request.path}`;

    const headers: Record<string, string> = {
      authorization: `Bearer ${await options.tokens.token()}`,
      accept: 'application/json, application/problem+json',
    };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(url, {
        method: request.method,
        headers,
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      // A DOMException, which is not always `instanceof Error` (e.g. across VM contexts): go by its name.
      const timedOut = typeof error === 'object' && error !== null && 'name' in error && error.name === 'TimeoutError';
      throw new TransientServiceError(
        timedOut
          ? `${what}: no answer within ${options.timeoutMs} ms; retrying`
          : `${what}: could not reach the service (${error instanceof Error ? error.message : String(error)}); retrying`,
        null,
        { cause: error },
      );
    }

    if (response.ok) {
      if (!schema) {
        await response.body?.cancel();
        return null;
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch (error) {
        // The body broke off mid-way (connection reset) or is not JSON at all: the first may pass, so retry.
        throw new TransientServiceError(`${what}: the ${response.status} answer could not be read`, response.status, {
          cause: error,
        });
      }
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        // Field paths only: the values are the service's data.
        const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(body)').join(', ');
        throw ApplicationFailure.create({
          type: UNEXPECTED_RESPONSE_FAILURE,
          message: `${what}: the ${response.status} answer does not match the contract (at ${fields}); the worker and the service disagree on the API`,
          nonRetryable: true,
          details: [{ service: options.service, method: request.method, path: request.path, status: response.status }],
        });
      }
      return { data: parsed.data };
    }

    const problem = await readProblem(response);
    const described = `${what} → ${response.status}${problem.title ? ` ${problem.title}` : ''}${
      problem.type ? ` (${problem.type})` : ''
    }${problem.requestId ? `, request id ${problem.requestId}` : ''}`;
    if (response.status === 401) options.tokens.invalidate();
    const pause = retryAfterMs(response.headers.get('retry-after'));
    if (response.status === 429 || (response.status === 503 && pause !== undefined)) {
      options.refusals?.record(options.service, response.status);
      // Retryable, after the service's own pause (1 s when it named none) instead of the policy's backoff, which
      // grows to minutes and would leave a case waiting long after the service is ready again.
      throw ApplicationFailure.create({
        type: SERVICE_REFUSED_FAILURE,
        message: `${described}; retrying in ${Math.round((pause ?? 1_000) / 1000)} s`,
        nonRetryable: false,
        nextRetryDelay: pause ?? 1_000,
        details: [{ service: options.service, method: request.method, path: request.path, status: response.status }],
      });
    }
    if (response.status >= 500 || RETRYABLE_CLIENT_STATUSES.has(response.status)) {
      throw new TransientServiceError(`${described}; retrying`, response.status);
    }
    const businessType = request.failureTypeFor?.(response.status, problem);
    throw ApplicationFailure.create({
      type: businessType ?? problem.type ?? `http-${response.status}`,
      message: described,
      nonRetryable: true,
      details: [
        {
          service: options.service,
          method: request.method,
          path: request.path,
          status: response.status,
          problemType: problem.type,
          requestId: problem.requestId,
        },
      ],
    });
  }

  return {
    async read<T>(request: ServiceRequest & { response: z.ZodType<T> }): Promise<T> {
      const body = await exchange(request, request.response);
      // exchange() discards the body only when no schema is given, and one always is here.
      if (body === null) throw new Error(`${options.service} ${request.path}: the body was not read`);
      return body.data;
    },
    async send(request) {
      await exchange(request, undefined);
    },
  };
}
