import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startConsoleStack } from './console-stack';

/** Starts the stack once for every journey; Playwright runs the returned function when they are done. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const stack = await startConsoleStack();
  // Workers inherit the environment: the journeys reach the services directly to set up their cases.
  process.env['GONGZHI_BROWSER_AGENCY_URL'] = stack.serviceUrls.agency;
  process.env['GONGZHI_BROWSER_CASE_URL'] = stack.serviceUrls.case;
  process.env['GONGZHI_BROWSER_PARTY_URL'] = stack.serviceUrls.party;
  process.env['GONGZHI_BROWSER_STATISTICS_URL'] = stack.serviceUrls.statistics;
  // Stalls are manufactured in case-service's own tables (as the e2e repair suite does): a deadline moved back.
  process.env['GONGZHI_BROWSER_CASE_DATABASE_URL'] = stack.town.env.databaseUrls.case;
  process.env['GONGZHI_BROWSER_TEMPORAL_ADDRESS'] = stack.town.env.temporalAddress;
  // The console process belongs to this process: a journey that needs it restarted asks here, on loopback only.
  const control = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/restart-console') {
      stack.restartConsole().then(
        () => res.writeHead(204).end(),
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  process.env['GONGZHI_BROWSER_CONTROL_URL'] = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;
  return async () => {
    control.close();
    await stack.stop();
  };
}
