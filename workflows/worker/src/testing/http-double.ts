/**
 * A stand-in for a service on 127.0.0.1:<random port>, for unit tests of the worker's HTTP clients: it records what
 * the worker sent and answers what the test scripts. Real sockets, so timeouts, headers and encoding are real too.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServiceTokenSource } from '@gongzhi/auth';

export interface RecordedRequest {
  method: string;
  /** Path and query exactly as received (still percent-encoded). */
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface Answer {
  status: number;
  body?: unknown;
  contentType?: string;
  /** Extra response headers, e.g. Retry-After. */
  headers?: Record<string, string>;
  /** Never answer (to test timeouts). */
  hang?: boolean;
}

export interface HttpDouble {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Answers the next requests in order; once they run out, the last one repeats. */
  answer(...answers: Answer[]): void;
  /** Answers each request from its method and URL. */
  route(handler: (request: RecordedRequest) => Answer): void;
  close(): Promise<void>;
}

export async function startHttpDouble(): Promise<HttpDouble> {
  const requests: RecordedRequest[] = [];
  let handler: (request: RecordedRequest) => Answer = () => ({ status: 204 });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: raw === '' ? undefined : (JSON.parse(raw) as unknown),
      };
      requests.push(recorded);
      const answer = handler(recorded);
      if (answer.hang) return;
      const payload =
        answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      res.statusCode = answer.status;
      for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
      if (payload !== '') res.setHeader('content-type', answer.contentType ?? 'application/json');
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    answer(...answers) {
      const queue = [...answers];
      handler = () => (queue.length > 1 ? queue.shift() : queue[0]) ?? { status: 204 };
    },
    route(next) {
      handler = next;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** A token source that hands out `token-1`, `token-2`… and counts how often it was told to forget its token. */
export function countingTokenSource(): ServiceTokenSource & { invalidations: number } {
  let minted = 1;
  const source = {
    invalidations: 0,
    async token() {
      return `token-${minted}`;
    },
    invalidate() {
      source.invalidations += 1;
      minted += 1;
    },
  };
  return source;
}

/** An RFC 9457 problem as the services send it. */
export function problem(status: number, slug: string, title: string, detail?: string): Answer {
  return {
    status,
    contentType: 'application/problem+json',
    body: { type: `urn:gongzhi:problem:${slug}`, title, status, requestId: 'req-42', ...(detail ? { detail } : {}) },
  };
}
