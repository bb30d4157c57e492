/**
 * A local stand-in for a load balancer in front of a service's replicas: each request goes to the next replica in
 * turn, so consecutive calls of one client land on different processes (what a deployment behind a Kubernetes Service
 * does to them). A replica that refuses the connection is skipped for that request (it is down or restarting; the
 * request never reached it), as a balancer's health checks would; any other failure answers 502.
 */
import { createServer, request as httpRequest, Agent, type IncomingMessage, type Server } from 'node:http';

export interface RoundRobinProxy {
  readonly port: number;
  /** The replicas' ports, in turn order; replaced when a replica restarts on another port. */
  targets: number[];
  /** How many requests each replica's port has answered through the proxy. */
  readonly served: Map<number, number>;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te']);

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Listens on `port` (127.0.0.1) and spreads requests over `targets` in turn. */
export async function startRoundRobinProxy(port: number, targets: number[]): Promise<RoundRobinProxy> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let next = 0;
  const proxy: RoundRobinProxy = {
    port,
    targets,
    served: new Map(),
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  const forward = (req: IncomingMessage, body: Buffer, target: number): Promise<IncomingMessage> =>
    new Promise((resolve, reject) => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())),
      );
      const upstream = httpRequest(
        {
          host: '127.0.0.1',
          port: target,
          method: req.method,
          path: req.url,
          agent,
          headers: { ...headers, 'content-length': String(body.length) },
        },
        resolve,
      );
      upstream.once('error', reject);
      upstream.end(body);
    });

  const server: Server = createServer((req, res) => {
    void (async () => {
      // Buffered, so a request a refusing replica never saw can go to the next one unchanged.
      const body = await bodyOf(req);
      const turn = next++;
      let lastError: unknown;
      for (let attempt = 0; attempt < proxy.targets.length; attempt++) {
        const target = proxy.targets[(turn + attempt) % proxy.targets.length];
        if (target === undefined) break;
        try {
          const answer = await forward(req, body, target);
          proxy.served.set(target, (proxy.served.get(target) ?? 0) + 1);
          const headers = Object.fromEntries(
            Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())),
          );
          res.writeHead(answer.statusCode ?? 502, headers);
          answer.pipe(res);
          return;
        } catch (error) {
          lastError = error;
          if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED') break;
        }
      }
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'application/problem+json' });
        const reason = lastError instanceof Error ? lastError.message : 'no replica answered';
        res.end(JSON.stringify({ type: 'about:blank', title: 'Bad Gateway', status: 502, detail: reason }));
      } else {
        res.destroy();
      }
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return proxy;
}
