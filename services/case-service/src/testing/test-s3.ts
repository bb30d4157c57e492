/**
 * The test profile's S3-compatible server (SeaweedFS, started by `npm test` or `npm run infra -- up --profile test`),
 * for the integration tests of the S3 document store. Missing variables fail the test that needs them: a store that is
 * not tested against a real server is not tested.
 */
import { randomUUID } from 'node:crypto';

export interface TestS3 {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** A prefix of this test file's own, so runs never read each other's objects. */
  prefix: string;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set. The S3 document store is tested against the test profile's SeaweedFS: use \`npm test\`, ` +
        'or start the test profile with `npm run infra -- up --profile test` and export the variables printed by ' +
        '`npm run infra -- env --profile test`.',
    );
  }
  return value;
}

export function testS3(): TestS3 {
  return {
    endpoint: required('GONGZHI_TEST_S3_ENDPOINT'),
    bucket: required('GONGZHI_TEST_S3_BUCKET'),
    accessKeyId: required('GONGZHI_TEST_S3_ACCESS_KEY'),
    secretAccessKey: required('GONGZHI_TEST_S3_SECRET_KEY'),
    prefix: `test-${randomUUID()}`,
  };
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
