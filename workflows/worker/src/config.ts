import path from 'node:path';
import { env, loadConfig } from '@gongzhi/config';
import { DISPUTE_TASK_QUEUE } from '@gongzhi/contracts';
import { z } from 'zod';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** A service's base URL, without a trailing slash, so paths can be appended as they are written. */
const serviceUrl = () =>
  env
    .url()
    .regex(/^https?:\/\//, 'must be an http:// or https:// URL')
    .transform((url) => url.replace(/\/+$/, ''));

export const WorkerConfig = z.object({
  TEMPORAL_ADDRESS: env.temporalAddress(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** The task queue case-service starts dispute workflows on (its TEMPORAL_TASK_QUEUE): the same in both. */
  TEMPORAL_TASK_QUEUE: z.string().min(1).max(200).default(DISPUTE_TASK_QUEUE),
  /** The bundle built by `nx run dispute-workflows:bundle`; the worker never bundles at start-up. */
  WORKFLOW_BUNDLE_PATH: z
    .string()
    .min(1)
    .default(path.join(repoRoot, 'workflows/dispute/dist/dispute-workflows.bundle.js')),
  LOG_LEVEL: env.logLevel(),
  /**
   * The worker's own Ed25519 private key (PKCS#8 PEM): signs its `workflow-engine` tokens. Its public key is every
   * service's WORKFLOW_ENGINE_PUBLIC_KEY_FILE; agency-service's staff key is never the worker's.
   */
  WORKER_PRIVATE_KEY_FILE: env.nonEmpty(),
  /** Where the activities reach case-service (tasks, timeline, progress) and agency-service (policy, calendar). */
  CASE_SERVICE_URL: serviceUrl(),
  AGENCY_SERVICE_URL: serviceUrl(),
  /** Lifetime of the worker's tokens: short, as they cannot be revoked; they are renewed before they run out. */
  SERVICE_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(300),
  /**
   * Per HTTP request: a hung service must fail the attempt (and let Temporal retry) well before the activity's own
   * start-to-close timeout, which the workflow sets per proxy.
   */
  SERVICE_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /**
   * Where the worker answers its health probes (`/health/live`, `/health/ready`: ready while it polls). Left out, it
   * serves none (the local stack watches its log instead); a Kubernetes deployment sets it, and HOST to 0.0.0.0.
   */
  HEALTH_PORT: env.port().optional(),
  HOST: z.string().default('127.0.0.1'),
});
export type WorkerConfig = z.infer<typeof WorkerConfig>;

export function loadWorkerConfig(source: Record<string, string | undefined> = process.env): WorkerConfig {
  return loadConfig('dispute-worker', WorkerConfig, source);
}
