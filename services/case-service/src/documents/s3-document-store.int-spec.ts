import { describeDocumentStore } from '../testing/document-store-contract';
import { testS3 } from '../testing/test-s3';
import { createS3DocumentStore } from './s3-document-store';

describeDocumentStore('the S3 document store on SeaweedFS', async () => {
  const store = createS3DocumentStore({ ...testS3(), region: 'us-east-1' });
  return { store, close: () => store.close() };
});
