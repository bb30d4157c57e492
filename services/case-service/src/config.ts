import path from 'node:path';
import { env, eventTopicSettings, loadConfig, outboxRelaySettings, serviceSettings } from '@gongzhi/config';
import { DISPUTE_TASK_QUEUE } from '@gongzhi/contracts';
import { z } from 'zod';
import { parseStuckThresholds } from './admin/stuck-scan/stuck-thresholds';
import { DOCUMENT_KEY_PATTERN } from './documents/document-store';

/** `<repo>/.data/documents`, beside the dev stack's other data, wherever the process was started from. */
const DEFAULT_DOCUMENTS_DIR = path.resolve(__dirname, '..', '..', '..', '.data', 'documents');

/** Debian's fonts-wqy-microhei (the browser tier installs it too): Chinese glyphs for the documents case-service writes. */
export const DEFAULT_DOCUMENT_FONT_FILE = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

/**
 * The font embedded (as a subset) in the documents the parties sign: a TrueType font, or a collection holding
 * WenQuanYi Micro Hei. Only its path is checked here: a file missing or unreadable when a document is asked for
 * answers 503 `document-font-unavailable`, and the rest of the service runs on.
 */
const documentFontFile = z
  .string()
  .min(1)
  .default(DEFAULT_DOCUMENT_FONT_FILE)
  .transform((file) => path.resolve(file));

/**
 * Where document bytes live. Secrets among them (the S3 secret key) are read here only: never logged, and a bad value
 * is reported by its variable's name alone.
 */
const documentStoreSettings = {
  /**
   * `local`: files under CASE_DOCUMENTS_DIR, for one machine (development, tests, a town whose case-service runs once).
   * `s3`: an S3-compatible object store (SeaweedFS, MinIO, Alibaba OSS, AWS S3) that every replica of case-service
   * shares, given by the CASE_DOCUMENTS_S3_ variables.
   */
  CASE_DOCUMENT_STORE: z.enum(['local', 's3']).default('local'),
  /** Directory of the `local` store. */
  CASE_DOCUMENTS_DIR: z
    .string()
    .min(1)
    .default(DEFAULT_DOCUMENTS_DIR)
    .transform((dir) => path.resolve(dir)),
  /** The object store's base URL; buckets are addressed by path (`<url>/<bucket>/<key>`), which every server takes. */
  CASE_DOCUMENTS_S3_ENDPOINT: env
    .url()
    .regex(/^https?:\/\//, 'must be an http:// or https:// URL')
    .optional(),
  /** The region the store signs requests for; servers other than AWS accept any, `us-east-1` by custom. */
  CASE_DOCUMENTS_S3_REGION: z.string().min(1).default('us-east-1'),
  /** The bucket, which must exist: case-service creates none. */
  CASE_DOCUMENTS_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name: 3 to 63 lowercase letters, digits, dots, hyphens')
    .optional(),
  /** Where in the bucket this town's documents go (`qingshui`, `towns/qingshui`), when towns share a bucket. */
  CASE_DOCUMENTS_S3_PREFIX: z
    .string()
    .regex(DOCUMENT_KEY_PATTERN, 'segments of letters, digits, - and _, joined by /')
    .optional(),
  CASE_DOCUMENTS_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  CASE_DOCUMENTS_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
};

const REQUIRED_FOR_S3 = [
  'CASE_DOCUMENTS_S3_ENDPOINT',
  'CASE_DOCUMENTS_S3_BUCKET',
  'CASE_DOCUMENTS_S3_ACCESS_KEY_ID',
  'CASE_DOCUMENTS_S3_SECRET_ACCESS_KEY',
] as const;

function requireS3SettingsForS3(
  config: { CASE_DOCUMENT_STORE: 'local' | 's3' } & Partial<Record<(typeof REQUIRED_FOR_S3)[number], string>>,
  ctx: z.RefinementCtx,
): void {
  if (config.CASE_DOCUMENT_STORE !== 's3') return;
  for (const name of REQUIRED_FOR_S3) {
    if (config[name] !== undefined) continue;
    ctx.addIssue({ code: 'custom', path: [name], message: 'required when CASE_DOCUMENT_STORE=s3' });
  }
}

/** The document store's settings alone, parsed as the full configuration parses them. */
export const DocumentStoreConfig = z.object(documentStoreSettings).superRefine(requireS3SettingsForS3);
export type DocumentStoreConfig = z.output<typeof DocumentStoreConfig>;

/** Every variable case-service reads; `CaseServiceConfig` adds the rules between them. */
const caseServiceSettings = z.object({
  ...serviceSettings(3002),
  /** base64 of 32 random bytes: the HMAC key of the audit hash chain, which the database never holds (docs/reference/audit.md). */
  AUDIT_CHAIN_KEY_FILE: env.nonEmpty(),
  ...outboxRelaySettings(),
  KAFKA_TOPIC_CASE_EVENTS: eventTopicSettings.KAFKA_TOPIC_CASE_EVENTS,
  /** party-service's topic: its `risk-flag-set` events reach the workflows of the party's open cases. */
  KAFKA_TOPIC_PARTY_EVENTS: eventTopicSettings.KAFKA_TOPIC_PARTY_EVENTS,
  /** agency-service's topic: its `staff-changed` events give back the tasks of people who can no longer work them. */
  KAFKA_TOPIC_AGENCY_EVENTS: eventTopicSettings.KAFKA_TOPIC_AGENCY_EVENTS,
  /**
   * `off` tells no workflow of party risk flags and releases no task of a deactivated person (tests without Kafka);
   * the events wait on their topics meanwhile.
   */
  CASE_CONSUMER: z.enum(['on', 'off']).default('on'),
  /**
   * The Kafka consumer group of party events; its committed offsets are how far the flags have been told. Staff changes
   * are consumed by a group of their own, this name with `.staff-changes` appended.
   */
  CASE_CONSUMER_GROUP: z.string().min(1).max(200).default('case-service'),
  /** Where party and agency events that can never be applied go, with the reason in their headers. */
  CASE_DLQ_TOPIC: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,249}$/, 'a Kafka topic name')
    .default('case.dlq'),
  TEMPORAL_ADDRESS: env.temporalAddress(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /**
   * The task queue dispute workflows are started on; the dispute worker polls the same one. Two stacks sharing one
   * Temporal server (test runs side by side) each name their own, so neither's worker runs the other's cases.
   */
  TEMPORAL_TASK_QUEUE: z.string().min(1).max(200).default(DISPUTE_TASK_QUEUE),
  /** How often to look for cases whose workflow start was interrupted. */
  RESUME_SWEEP_INTERVAL_MS: z.coerce.number().int().min(1000).default(30_000),
  /**
   * The health sweep (admin/workflow-health/workflow-health-sweep.ts): describe calls per second at most, and the rest between two
   * passes. A pass over N running workflows takes N / rate seconds; the stuck scan sees a failing activity or
   * workflow task within about one pass plus the rest (at once when it stalls a case past its deadline).
   */
  HEALTH_SWEEP_DESCRIBES_PER_SECOND: z.coerce.number().positive().max(10_000).default(50),
  HEALTH_SWEEP_PAUSE_MS: z.coerce.number().int().min(100).default(30_000),
  /** agency-service, asked who may be handed a task (its staff accounts); never its database. */
  AGENCY_SERVICE_URL: env
    .url()
    .regex(/^https?:\/\//, 'must be an http:// or https:// URL')
    .default('http://127.0.0.1:3003'),
  /** Per request to agency-service: a slow one must not hold a staff request (it answers 503 instead). */
  AGENCY_SERVICE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
  /** party-service, asked whether a party named in a case exists and is visible to the caller; never its database. */
  PARTY_SERVICE_URL: env
    .url()
    .regex(/^https?:\/\//, 'must be an http:// or https:// URL')
    .default('http://127.0.0.1:3001'),
  /** Per request to party-service: a slow one must not hold a staff request (it answers 503 instead). */
  PARTY_SERVICE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
  /**
   * When an awaited human action counts as stuck in the administrators' scan, per action kind, over the defaults
   * (admin/stuck-scan/stuck-thresholds.ts): `kind=due` (its due date), `kind=due+N` (N working days after it) or `kind=N` (N
   * working days after the task opened), comma-separated; e.g. `mediate=due+3,urge-acceptance=1`.
   */
  ADMIN_STUCK_AFTER: z
    .string()
    .default('')
    .transform((text, ctx) => {
      try {
        return parseStuckThresholds(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
        return z.NEVER;
      }
    }),
  /** How long the scan remembers agency-service's answer for a date's working days. */
  ADMIN_CALENDAR_CACHE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(86_400_000)
    .default(6 * 3_600_000),
  ...documentStoreSettings,
  CASE_DOCUMENT_FONT_FILE: documentFontFile,
});

export const CaseServiceConfig = caseServiceSettings.superRefine(requireS3SettingsForS3);
export type CaseServiceConfig = z.infer<typeof CaseServiceConfig>;

export function loadCaseServiceConfig(source: Record<string, string | undefined> = process.env): CaseServiceConfig {
  return loadConfig('case-service', CaseServiceConfig, source);
}

/**
 * CASE_DOCUMENT_FONT_FILE alone, parsed as the full configuration parses it: for a wiring that was not handed the
 * value from `loadCaseServiceConfig` (tests, tools), so the variable means the same everywhere.
 */
export function loadDocumentFontFile(source: Record<string, string | undefined> = process.env): string {
  return loadConfig('case-service', z.object({ CASE_DOCUMENT_FONT_FILE: documentFontFile }), source)
    .CASE_DOCUMENT_FONT_FILE;
}

/**
 * The CASE_DOCUMENT_STORE and CASE_DOCUMENTS_ variables alone, for a wiring that was not handed them from
 * `loadCaseServiceConfig` (tests), so they mean the same everywhere.
 */
export function loadDocumentStoreConfig(source: Record<string, string | undefined> = process.env): DocumentStoreConfig {
  return loadConfig('case-service', DocumentStoreConfig, source);
}
