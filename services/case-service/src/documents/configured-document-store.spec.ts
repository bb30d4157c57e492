import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadDocumentStoreConfig } from '../config';
import { createConfiguredDocumentStore } from './configured-document-store';

describe('choosing the document store from the environment', () => {
  it('keeps documents on the local disk unless told otherwise', () => {
    const configured = createConfiguredDocumentStore(loadDocumentStoreConfig({ CASE_DOCUMENTS_DIR: '/srv/documents' }));
    expect(configured.description).toEqual({ documentStore: 'local', documentsDir: '/srv/documents' });
  });

  it('is ready while the documents directory can be written (made if missing), and not when it cannot', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gongzhi-documents-'));
    try {
      const fresh = createConfiguredDocumentStore(
        loadDocumentStoreConfig({ CASE_DOCUMENTS_DIR: path.join(root, 'documents') }),
      );
      await expect(fresh.ready()).resolves.toBeUndefined();
      // A file where the directory should be: nothing can be stored under it.
      writeFileSync(path.join(root, 'a-file'), '');
      const blocked = createConfiguredDocumentStore(
        loadDocumentStoreConfig({ CASE_DOCUMENTS_DIR: path.join(root, 'a-file', 'documents') }),
      );
      await expect(blocked.ready()).rejects.toThrow();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses CASE_DOCUMENT_STORE=s3 without what it needs, naming each missing variable', () => {
    expect(() =>
      loadDocumentStoreConfig({ CASE_DOCUMENT_STORE: 's3', CASE_DOCUMENTS_S3_ENDPOINT: 'http://s3.internal:8333' }),
    ).toThrow(
      /CASE_DOCUMENTS_S3_BUCKET is missing[\s\S]*CASE_DOCUMENTS_S3_ACCESS_KEY_ID is missing[\s\S]*CASE_DOCUMENTS_S3_SECRET_ACCESS_KEY is missing/,
    );
  });

  it('uses the object store when told, and never shows its secret key, not even in a refusal', () => {
    const environment = {
      CASE_DOCUMENT_STORE: 's3',
      CASE_DOCUMENTS_S3_ENDPOINT: 'http://s3.internal:8333',
      CASE_DOCUMENTS_S3_BUCKET: 'town-documents',
      CASE_DOCUMENTS_S3_PREFIX: 'qingshui',
      CASE_DOCUMENTS_S3_ACCESS_KEY_ID: 'case-service',
      CASE_DOCUMENTS_S3_SECRET_ACCESS_KEY: 'very-secret-key',
    };
    const configured = createConfiguredDocumentStore(loadDocumentStoreConfig(environment));
    expect(configured.description).toEqual({
      documentStore: 's3',
      endpoint: 'http://s3.internal:8333',
      bucket: 'town-documents',
      prefix: 'qingshui',
    });
    configured.close();
    const refusal = (() => {
      try {
        loadDocumentStoreConfig({ ...environment, CASE_DOCUMENTS_S3_BUCKET: 'Not A Bucket' });
        return '';
      } catch (error) {
        return String(error);
      }
    })();
    expect(refusal).toContain('CASE_DOCUMENTS_S3_BUCKET is invalid');
    expect(refusal).not.toContain('very-secret-key');
  });
});
