/**
 * Regenerates src/web/common/api/<service>.d.ts from the services' live OpenAPI documents. Run against a running
 * stack (`npm start`, or GONGZHI_{PARTY,CASE,AGENCY,STATISTICS}_SERVICE_URL for another one):
 *
 *   npx nx run console:api-types
 *
 * The browser tier of `npm test` fails while the committed files differ from what the services publish.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { API_SERVICES, apiTypesFile, renderApiTypes } from './api-types';

const DEFAULT_PORTS = { party: 3001, case: 3002, agency: 3003, statistics: 3004 } as const;

async function main(): Promise<void> {
  for (const service of API_SERVICES) {
    const base =
      process.env[`GONGZHI_${service.toUpperCase()}_SERVICE_URL`] ?? `http://127.0.0.1:${DEFAULT_PORTS[service]}`;
    const res = await fetch(`${base}/openapi.json`).catch((error: unknown) => {
      throw new Error(`${service}-service is not reachable at ${base} (start the stack with npm start)`, {
        cause: error,
      });
    });
    if (!res.ok) throw new Error(`${base}/openapi.json answered ${res.status}`);
    const file = path.join(__dirname, '..', apiTypesFile(service));
    writeFileSync(file, await renderApiTypes(service, (await res.json()) as object));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
