import { startConsoleStack } from './console-stack';

/** Starts the stack once for every journey; Playwright runs the returned function when they are done. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const stack = await startConsoleStack();
  // Workers inherit the environment: the journeys reach the services directly to set up their cases.
  process.env['GONGZHI_BROWSER_AGENCY_URL'] = stack.serviceUrls.agency;
  process.env['GONGZHI_BROWSER_CASE_URL'] = stack.serviceUrls.case;
  process.env['GONGZHI_BROWSER_PARTY_URL'] = stack.serviceUrls.party;
  process.env['GONGZHI_BROWSER_STATISTICS_URL'] = stack.serviceUrls.statistics;
  return async () => {
    await stack.stop();
  };
}
