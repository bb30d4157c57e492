/**
 * Regenerates the console's API types without `npm start`: starts the four services on fresh databases of the test
 * profile's infrastructure (as the e2e tier does), renders each one's live OpenAPI document, writes the files and
 * stops them again. Needs the test infrastructure up (`npm test -- --prepare`):
 *
 *   eval "$(npm run -s infra -- env --profile test)"; npx tsx --tsconfig test/browser/tsconfig.json test/browser/support/regenerate-api-types.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { API_SERVICES, apiTypesFile, renderApiTypes } from '@gongzhi/console/api-types';
import { serviceUrl } from '@gongzhi/testing/apps';
import { TownStack } from '../../e2e/support/town-stack';

const CONSOLE_DIR = path.resolve(__dirname, '..', '..', '..', 'services', 'console');
/** Apart from the e2e suites' 240xx and the browser tier's 2403x. */
const PORTS = { party: 24051, case: 24052, agency: 24053, statistics: 24054 } as const;

async function main(): Promise<void> {
  const town = new TownStack();
  try {
    console.log('starting the services on the test infrastructure…');
    await town.start(['statistics-service', 'agency-service', 'party-service', 'case-service'], { ...PORTS });
    for (const service of API_SERVICES) {
      const res = await fetch(`${serviceUrl(town.env, service)}/openapi.json`);
      if (!res.ok) throw new Error(`${service}-service answered ${res.status} for /openapi.json`);
      const file = path.join(CONSOLE_DIR, apiTypesFile(service));
      writeFileSync(file, await renderApiTypes(service, (await res.json()) as object));
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
  } finally {
    await town.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
