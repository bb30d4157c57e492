import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { DocumentStoreConfig } from '../config';
import { createLocalDiskDocumentStore, type DocumentStore } from './document-store';
import { createS3DocumentStore } from './s3-document-store';

/** The store the configuration names, and how to let go of it at shutdown. */
export interface ConfiguredDocumentStore {
  store: DocumentStore;
  /** Where the bytes go, for the start-up log: no credentials. */
  description: Record<string, string>;
  /**
   * Resolves while documents can be stored (the directory is writable; the bucket answers to these credentials), for
   * `/health/ready`, which reports the service degraded (still ready) while it rejects.
   */
  ready(): Promise<void>;
  close(): void;
}

export function createConfiguredDocumentStore(config: DocumentStoreConfig, logger?: Logger): ConfiguredDocumentStore {
  if (config.CASE_DOCUMENT_STORE === 'local') {
    return {
      store: createLocalDiskDocumentStore(config.CASE_DOCUMENTS_DIR),
      description: { documentStore: 'local', documentsDir: config.CASE_DOCUMENTS_DIR },
      ready: async () => {
        await mkdir(config.CASE_DOCUMENTS_DIR, { recursive: true });
        await access(config.CASE_DOCUMENTS_DIR, constants.W_OK);
      },
      close: () => undefined,
    };
  }
  const endpoint = config.CASE_DOCUMENTS_S3_ENDPOINT;
  const bucket = config.CASE_DOCUMENTS_S3_BUCKET;
  const accessKeyId = config.CASE_DOCUMENTS_S3_ACCESS_KEY_ID;
  const secretAccessKey = config.CASE_DOCUMENTS_S3_SECRET_ACCESS_KEY;
  // The schema requires them for `s3`; this only tells the compiler so.
  if (!endpoint || !bucket || !accessKeyId || !secretAccessKey) {
    throw new Error(
      'CASE_DOCUMENT_STORE=s3 needs CASE_DOCUMENTS_S3_ENDPOINT, _BUCKET, _ACCESS_KEY_ID and _SECRET_ACCESS_KEY',
    );
  }
  const prefix = config.CASE_DOCUMENTS_S3_PREFIX ?? '';
  const store = createS3DocumentStore({
    endpoint,
    region: config.CASE_DOCUMENTS_S3_REGION,
    bucket,
    prefix,
    accessKeyId,
    secretAccessKey,
    ...(logger ? { logger } : {}),
  });
  return {
    store,
    description: { documentStore: 's3', endpoint, bucket, prefix },
    ready: () => store.ready(),
    close: () => store.close(),
  };
}
