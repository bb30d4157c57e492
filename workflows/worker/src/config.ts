import path from 'node:path';
import { env, loadConfig } from '@gongzhi/config';
import { z } from 'zod';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

export const WorkerConfig = z.object({
  TEMPORAL_ADDRESS: env.temporalAddress(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** The bundle built by `nx run dispute-workflows:bundle`; the worker never bundles at start-up. */
  WORKFLOW_BUNDLE_PATH: z
    .string()
    .min(1)
    .default(path.join(repoRoot, 'workflows/dispute/dist/dispute-workflows.bundle.js')),
  LOG_LEVEL: env.logLevel(),
});
export type WorkerConfig = z.infer<typeof WorkerConfig>;

export function loadWorkerConfig(source: Record<string, string | undefined> = process.env): WorkerConfig {
  return loadConfig('dispute-worker', WorkerConfig, source);
}
