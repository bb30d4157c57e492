/**
 * Bundles the dispute workflows once, at build time, so production workers start fast and run exactly the code
 * that was tested. Workspace aliases (@gongzhi/contracts/…) resolve through npm workspaces inside the bundle.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOW_BUNDLE_FILE } from '../src/bundle-location';

async function main(): Promise<void> {
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const output = path.join(repoRoot, WORKFLOW_BUNDLE_FILE);
  const started = Date.now();
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../src/index.ts'),
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
  });
  await mkdir(path.dirname(output), { recursive: true });
  await writeFile(output, code);
  console.log(`workflow bundle: ${path.relative(repoRoot, output)} (${Math.round(code.length / 1024)} kB, ${Date.now() - started} ms)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
