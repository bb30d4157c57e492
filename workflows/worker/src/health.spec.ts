import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { HEALTH_PATHS } from '@gongzhi/contracts';
import { startWorkerHealth } from './health';

describe('the worker’s health endpoints', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function start(isPolling: () => boolean): Promise<string> {
    server = await startWorkerHealth({ port: 0, host: '127.0.0.1', isPolling });
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('is live while it runs, and ready only while the Temporal worker polls', async () => {
    let polling = false;
    const base = await start(() => polling);
    expect((await fetch(`${base}${HEALTH_PATHS.live}`)).status).toBe(200);
    const before = await fetch(`${base}${HEALTH_PATHS.ready}`);
    expect({ status: before.status, body: await before.json() }).toEqual({
      status: 503,
      body: { status: 'not-ready', checks: { temporal: 'not polling' } },
    });
    polling = true;
    expect((await fetch(`${base}${HEALTH_PATHS.ready}`)).status).toBe(200);
  });

  it('serves nothing else', async () => {
    const base = await start(() => true);
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    expect((await fetch(`${base}${HEALTH_PATHS.live}`, { method: 'POST' })).status).toBe(405);
  });
});
