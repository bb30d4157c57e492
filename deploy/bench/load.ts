/**
 * The load generator: HTTP clients that each dial from their own loopback address (127.0.0.N), so a service's
 * per-address rate limit sees separate machines, as it would in a town; a closed loop (N clients, each sending its
 * next request when the last one answered: the maximum rate) and an open loop (requests at a fixed rate whatever the
 * answers: the latency people see at a given load).
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

/** One simulated machine: a keep-alive connection from its own loopback address. */
export interface BenchClient {
  address: string;
  agent: http.Agent;
}

/** The first address the clients use: 127.0.0.1 is where the worker and the services call each other from. */
const FIRST_CLIENT_HOST = 2;
const LAST_CLIENT_HOST = 254;
let nextHost = FIRST_CLIENT_HOST;

/** `count` clients on addresses no other client of this run has used (wrapping after 127.0.0.254). */
export function benchClients(count: number): BenchClient[] {
  return Array.from({ length: count }, () => {
    const address = `127.0.0.${nextHost}`;
    nextHost = nextHost >= LAST_CLIENT_HOST ? FIRST_CLIENT_HOST : nextHost + 1;
    // One socket per client: a client is one person's machine, which waits for its answer before asking again.
    return { address, agent: new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: address }) };
  });
}

export function closeClients(clients: readonly BenchClient[]): void {
  for (const client of clients) client.agent.destroy();
}

export interface BenchRequest {
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface BenchResponse {
  status: number;
  body: string;
  ms: number;
}

export function send(client: BenchClient, request: BenchRequest): Promise<BenchResponse> {
  const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
  const began = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      request.url,
      {
        method: request.method,
        agent: client.agent,
        headers: {
          ...request.headers,
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }),
        },
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - began,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${request.method} ${request.url}: no answer in 30 s`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** What a loop of requests came to. */
export interface LoadResult {
  /** Requests answered with a status the caller counts as success. */
  ok: number;
  /** Answers by status (0: the request failed without one). */
  statuses: Record<string, number>;
  /** Latencies of the successful requests, in ms. */
  latenciesMs: number[];
  elapsedMs: number;
  /** Successful requests per second. */
  rate: number;
}

export interface LoopOptions {
  clients: readonly BenchClient[];
  durationMs: number;
  /** The request the i-th call sends; `undefined` ends the loop early (nothing left to work on). */
  next: (i: number) => BenchRequest | undefined | Promise<BenchRequest | undefined>;
  /** Which answers count as success (default: 2xx). */
  ok?: (res: BenchResponse) => boolean;
  /** Called with each successful answer (to collect ids, say). */
  onOk?: (res: BenchResponse, request: BenchRequest) => void;
}

function tally(): Omit<LoadResult, 'elapsedMs' | 'rate'> {
  return { ok: 0, statuses: {}, latenciesMs: [] };
}

const is2xx = (res: BenchResponse) => res.status >= 200 && res.status < 300;

async function sendCounted(
  client: BenchClient,
  request: BenchRequest,
  result: Omit<LoadResult, 'elapsedMs' | 'rate'>,
  options: LoopOptions,
): Promise<void> {
  try {
    const res = await send(client, request);
    result.statuses[res.status] = (result.statuses[res.status] ?? 0) + 1;
    if ((options.ok ?? is2xx)(res)) {
      result.ok += 1;
      result.latenciesMs.push(res.ms);
      options.onOk?.(res, request);
    }
  } catch {
    result.statuses['0'] = (result.statuses['0'] ?? 0) + 1;
  }
}

/** Every client sends, waits for the answer, sends again, until the time is up: the maximum rate at this concurrency. */
export async function closedLoop(options: LoopOptions): Promise<LoadResult> {
  const result = tally();
  const began = performance.now();
  const endAt = began + options.durationMs;
  let calls = 0;
  await Promise.all(
    options.clients.map(async (client) => {
      while (performance.now() < endAt) {
        const request = await options.next(calls++);
        if (request === undefined) return;
        await sendCounted(client, request, result, options);
      }
    }),
  );
  const elapsedMs = performance.now() - began;
  return { ...result, elapsedMs, rate: result.ok / (elapsedMs / 1000) };
}

/**
 * Requests at a fixed rate, spread over the clients in turn, whether or not earlier ones have answered (a slow
 * answer does not slow the arrivals, as with people): the latencies are what people would see at that load.
 */
export async function openLoop(options: LoopOptions & { ratePerSecond: number }): Promise<LoadResult> {
  const result = tally();
  const began = performance.now();
  const intervalMs = 1000 / options.ratePerSecond;
  const total = Math.max(1, Math.floor((options.durationMs / 1000) * options.ratePerSecond));
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const dueAt = began + i * intervalMs;
    const wait = dueAt - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const request = await options.next(i);
    if (request === undefined) break;
    const client = options.clients[i % options.clients.length];
    if (!client) throw new Error('openLoop needs at least one client');
    inFlight.push(sendCounted(client, request, result, options));
  }
  await Promise.all(inFlight);
  const elapsedMs = performance.now() - began;
  return { ...result, elapsedMs, rate: result.ok / (elapsedMs / 1000) };
}

/**
 * Runs `operation` from `concurrency` callers in a closed loop for the duration (baselines without HTTP, and
 * scenarios of several requests such as claim then complete). `caller` is the caller's index, so each can keep to
 * its own client. An operation that resolves `false` ends its caller's loop (nothing left to work on).
 */
export async function closedLoopOf(
  concurrency: number,
  durationMs: number,
  operation: (i: number, caller: number) => Promise<void | false>,
): Promise<LoadResult> {
  const result = tally();
  const began = performance.now();
  const endAt = began + durationMs;
  let calls = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, caller) => {
      while (performance.now() < endAt) {
        const started = performance.now();
        try {
          if ((await operation(calls++, caller)) === false) return;
          result.ok += 1;
          result.latenciesMs.push(performance.now() - started);
        } catch {
          result.statuses['0'] = (result.statuses['0'] ?? 0) + 1;
        }
      }
    }),
  );
  const elapsedMs = performance.now() - began;
  return { ...result, elapsedMs, rate: result.ok / (elapsedMs / 1000) };
}
