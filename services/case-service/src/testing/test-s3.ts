/**
 * The test profile's S3-compatible server (SeaweedFS, started by `npm test` or `npm run infra -- up --profile test`),
 * for the integration tests of the S3 document store. Missing variables fail the test that needs them: a store that is
 * not tested against a real server is not tested.
 */
import { randomUUID } from 'node:crypto';
import { type TestObjectStore, testObjectStore } from '@gongzhi/testing';

export interface TestS3 extends TestObjectStore {
  /** A prefix of this test file's own, so runs never read each other's objects. */
  prefix: string;
}

export function testS3(): TestS3 {
  return { ...testObjectStore(), prefix: `test-${randomUUID()}` };
}

/** The same server as case-service's own variables name it (CASE_DOCUMENT_STORE=s3 and CASE_DOCUMENTS_S3_*). */
export function testS3Environment(s3: TestS3 = testS3()): Record<string, string> {
  return {
    CASE_DOCUMENT_STORE: 's3',
    CASE_DOCUMENTS_S3_ENDPOINT: s3.endpoint,
    CASE_DOCUMENTS_S3_BUCKET: s3.bucket,
    CASE_DOCUMENTS_S3_ACCESS_KEY_ID: s3.accessKeyId,
    CASE_DOCUMENTS_S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    CASE_DOCUMENTS_S3_PREFIX: s3.prefix,
  };
}
