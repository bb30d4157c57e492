/**
 * The console's committed API types are what the running services publish now: a contract change without
 * `npx nx run console:api-types` fails here, before the console is built on stale types.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { API_SERVICES, apiTypesFile, renderApiTypes } from '@gongzhi/console/api-types';

const CONSOLE_DIR = path.resolve(__dirname, '..', '..', 'services', 'console');

for (const service of API_SERVICES) {
  test(`the committed ${service}-service types match its live OpenAPI document`, async () => {
    const base = process.env[`GONGZHI_BROWSER_${service.toUpperCase()}_URL`];
    const res = await fetch(`${base}/openapi.json`);
    expect(res.status).toBe(200);
    const generated = await renderApiTypes(service, (await res.json()) as object);
    const committed = readFileSync(path.join(CONSOLE_DIR, apiTypesFile(service)), 'utf8');
    expect(committed, `run \`npx nx run console:api-types\` against a running stack and commit the result`).toBe(
      generated,
    );
  });
}
