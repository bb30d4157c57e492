/**
 * The worker's health endpoints, for an orchestrator's probes: the worker serves no other HTTP. Live while the process
 * runs; ready while the Temporal worker polls (not before it has connected, nor once it drains on SIGTERM), so a
 * rollout waits for a new worker to poll before it stops an old one.
 */
import { createServer, type Server } from 'node:http';
import { HEALTH_PATHS } from '@gongzhi/contracts';

export interface WorkerHealthOptions {
  port: number;
  host: string;
  /** Whether the Temporal worker is polling now (its state is RUNNING). */
  isPolling: () => boolean;
}

/** Starts the endpoints; resolves once listening, with the server (close it on shutdown). */
export function startWorkerHealth(options: WorkerHealthOptions): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const answer = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(405, { status: 'method-not-allowed' });
    if (path === HEALTH_PATHS.live) return answer(200, { status: 'ok' });
    if (path === HEALTH_PATHS.ready) {
      const polling = options.isPolling();
      return answer(polling ? 200 : 503, {
        status: polling ? 'ready' : 'not-ready',
        checks: { temporal: polling ? 'ok' : 'not polling' },
      });
    }
    return answer(404, { status: 'not-found' });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
