/**
 * How tests find the real stack that `npm test` started (deploy/local/test.ts exports these variables).
 * Running a single test file by hand works too: start the test profile with `npm run infra -- up --profile test`
 * and export the same variables (printed by `npm run infra -- env --profile test`).
 */
export interface TestStack {
  /** Superuser URL of the test PostgreSQL cluster, for creating per-file databases. */
  postgresAdminUrl: string;
  temporalAddress: string;
  kafkaBrokers: string[];
}

/** The test profile's S3-compatible server (SeaweedFS) and the bucket it made for tests. */
export interface TestObjectStore {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set. Integration tests run against the real stack: use \`npm test\`, or start the test ` +
        'profile with `npm run infra -- up --profile test` and export the variables printed by `npm run infra -- env --profile test`.',
    );
  }
  return value;
}

export function testStack(): TestStack {
  return {
    postgresAdminUrl: required('GONGZHI_TEST_POSTGRES_ADMIN_URL'),
    temporalAddress: required('GONGZHI_TEST_TEMPORAL_ADDRESS'),
    kafkaBrokers: required('GONGZHI_TEST_KAFKA_BROKERS').split(','),
  };
}

/** The object store the S3 document store is tested against: a store not tested against a real server is not tested. */
export function testObjectStore(): TestObjectStore {
  return {
    endpoint: required('GONGZHI_TEST_S3_ENDPOINT'),
    bucket: required('GONGZHI_TEST_S3_BUCKET'),
    accessKeyId: required('GONGZHI_TEST_S3_ACCESS_KEY'),
    secretAccessKey: required('GONGZHI_TEST_S3_SECRET_KEY'),
  };
}
