import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describeDocumentStore } from '../testing/document-store-contract';
import { DocumentBytesMismatchError, sha256Of } from './document-bytes';
import { createLocalDiskDocumentStore, type DocumentStore, InvalidDocumentKeyError } from './document-store';
import { createInMemoryDocumentStore } from './document-store.fakes';

describeDocumentStore('the in-memory document store (unit tests’ fake)', async () => ({
  store: createInMemoryDocumentStore(),
}));

describeDocumentStore('the local-disk document store', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'gongzhi-documents-'));
  return { store: createLocalDiskDocumentStore(root), close: () => rm(root, { recursive: true, force: true }) };
});

describe('the local-disk document store', () => {
  let root: string;
  let store: DocumentStore;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'gongzhi-documents-'));
    store = createLocalDiskDocumentStore(root);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('leaves only the document in its case’s directory: no temporary file after a write or a refusal', async () => {
    const caseId = randomUUID();
    const documentId = randomUUID();
    const key = `${caseId}/${documentId}`;
    const bytes = randomBytes(256 * 1024);
    await store.put(key, Readable.from([bytes]), sha256Of(bytes));
    await expect(store.put(key, Readable.from([randomBytes(10)]), sha256Of(bytes))).rejects.toBeInstanceOf(
      DocumentBytesMismatchError,
    );
    await expect(
      store.put(`${caseId}/${randomUUID()}`, Readable.from([bytes.subarray(1)]), sha256Of(bytes)),
    ).rejects.toBeInstanceOf(DocumentBytesMismatchError);
    expect(await readdir(path.join(root, caseId))).toEqual([documentId]);
  });

  it('refuses keys that could reach outside its directory, and writes nothing for them', async () => {
    const outside = path.join(path.dirname(root), `escaped-${randomUUID()}`);
    const bytes = Buffer.from('x');
    for (const key of [`../${path.basename(outside)}`, `a/../../${path.basename(outside)}`, outside, 'a/./b', '..']) {
      await expect(store.put(key, Readable.from([bytes]), sha256Of(bytes))).rejects.toBeInstanceOf(
        InvalidDocumentKeyError,
      );
      await expect(store.delete(key)).rejects.toBeInstanceOf(InvalidDocumentKeyError);
    }
    await expect(readFile(outside)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
