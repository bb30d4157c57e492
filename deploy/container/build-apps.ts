/**
 * The image build's compile step (run in the Dockerfile's build stage, and by the chart's render test): every
 * container app compiled to `dist/apps/<name>/main.js`, as `npm start` compiles them.
 *
 *   node --import tsx deploy/container/build-apps.ts
 */
import { compileApps, compiledEntryOf } from '../local/lib/compile-apps';
import { CONTAINER_APPS } from './apps';

/** Compiles the apps; answers each one's compiled entry, relative to the repository root. */
export async function buildContainerApps(): Promise<Record<string, string>> {
  const compiled = await compileApps(CONTAINER_APPS.map(({ name, entry }) => ({ name, entry, env: {} })));
  return Object.fromEntries(compiled.map((app) => [app.name, app.entry]));
}

if (require.main === module) {
  buildContainerApps()
    .then((entries) => {
      for (const [name, entry] of Object.entries(entries)) console.log(`${name}: ${entry}`);
      if (Object.entries(entries).some(([name, entry]) => entry !== compiledEntryOf(name))) process.exit(1);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
