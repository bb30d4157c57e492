/**
 * Bundles the dispute workflows once, at build time, so production workers start fast and run exactly the code
 * that was tested. Workspace aliases (@gongzhi/contracts/…) resolve through npm workspaces inside the bundle.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOW_BUNDLE_FILE } from '../src/bundle-location';

// Webpack's progress chatter is noise in build output; warnings and errors still show.
const ignore = (): void => undefined;
const quiet = { trace: ignore, debug: ignore, info: ignore, warn: console.warn, error: console.error, log: ignore };

/**
 * The same bundle the `bundle` target writes, for tests that must run what production runs (or, given another
 * barrel, a deliberately changed workflow for the replay gate's own test).
 */
export async function buildWorkflowBundle(
  workflowsPath = require.resolve('../src/index.ts'),
): Promise<{ code: string }> {
  return bundleWorkflowCode({ workflowsPath, logger: quiet });
}

async function main(): Promise<void> {
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const output = path.join(repoRoot, WORKFLOW_BUNDLE_FILE);
  const started = Date.now();
  const { code } = await buildWorkflowBundle();
  await mkdir(path.dirname(output), { recursive: true });
  await writeFile(output, code);
  console.log(
    `workflow bundle: ${path.relative(repoRoot, output)} (${Math.round(code.length / 1024)} kB, ${Date.now() - started} ms)`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
