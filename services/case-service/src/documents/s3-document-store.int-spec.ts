import { describeDocumentStore } from '../testing/document-store-contract';
import { testS3 } from '../testing/test-s3';
import { createS3DocumentStore } from './s3-document-store';

describeDocumentStore('the S3 document store on SeaweedFS', async () => {
  const store = createS3DocumentStore({ ...testS3(), region: 'us-east-1' });
  return { store, close: () => store.close() };
});

describe('the S3 document store’s readiness', () => {
  it('answers ready while its bucket is there, and not for a bucket that is not (nor with a wrong secret)', async () => {
    const s3 = testS3();
    const stores = [
      createS3DocumentStore({ ...s3, region: 'us-east-1' }),
      createS3DocumentStore({ ...s3, bucket: `missing-${s3.prefix}`, region: 'us-east-1' }),
      createS3DocumentStore({ ...s3, secretAccessKey: `${s3.secretAccessKey}-wrong`, region: 'us-east-1' }),
    ] as const;
    try {
      const outcomes = await Promise.allSettled(stores.map((store) => store.ready()));
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    } finally {
      for (const store of stores) store.close();
    }
  });
});
