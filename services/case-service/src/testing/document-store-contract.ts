/**
 * What every document store must do, run against each: the in-memory fake and the local disk (unit tier), and the S3
 * store against a real SeaweedFS (integration tier). A store that passes can hold a town's documents.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DocumentBytesMismatchError, digestOf, type ExpectedBytes, sha256Of } from '../documents/document-bytes';
import { type DocumentStore, InvalidDocumentKeyError } from '../documents/document-store';

export interface StoreUnderTest {
  store: DocumentStore;
  /** Lets go of the store (connections, directories) after the suite. */
  close?: () => Promise<void> | void;
}

/** `bytes` as a stream of chunks the size a socket delivers, so a store sees many writes, not one. */
function streamOf(bytes: Buffer, chunkSize = 64 * 1024): Readable {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunkSize)
    chunks.push(bytes.subarray(offset, offset + chunkSize));
  return Readable.from(chunks);
}

/** A stream that gives `first` and then fails, as an upload does when its client goes away. */
function failingAfter(first: Buffer, error: Error): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(first);
        return;
      }
      this.destroy(error);
    },
  });
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function describeDocumentStore(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`${name}, as every document store`, () => {
    let underTest: StoreUnderTest;
    let store: DocumentStore;
    const written: string[] = [];

    /** A key of its own for each test, removed after the suite. */
    const freshKey = (): string => {
      const key = `${randomUUID()}/${randomUUID()}`;
      written.push(key);
      return key;
    };
    const read = async (key: string): Promise<Buffer | undefined> => {
      const stream = await store.get(key);
      return stream ? await bytesOf(stream) : undefined;
    };
    // Compared by digest: Jest compares two Buffers byte by byte, seconds for a few MiB.
    const digestAt = async (key: string) => {
      const stream = await store.get(key);
      return stream ? await digestOf(stream) : undefined;
    };
    const refusal = async (put: Promise<unknown>): Promise<DocumentBytesMismatchError> => {
      const error = await put.then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(error).toBeInstanceOf(DocumentBytesMismatchError);
      return error as DocumentBytesMismatchError;
    };

    beforeAll(async () => {
      underTest = await open();
      store = underTest.store;
    });

    afterAll(async () => {
      if (!underTest) return;
      for (const key of written) await store.delete(key);
      await underTest.close?.();
    });

    it('streams a multi-MiB document in and back out unchanged, and says what it stored', async () => {
      const key = freshKey();
      const document = randomBytes(6 * 1024 * 1024 + 1234);
      const expected = sha256Of(document);
      expect(await store.put(key, streamOf(document), expected)).toEqual(expected);
      const stream = await store.get(key);
      if (!stream) throw new Error('the document just stored is not there');
      expect(await digestOf(stream)).toEqual(expected);
    });

    it('refuses bytes whose SHA-256 differs from the expected one, and nothing is readable under the key', async () => {
      const key = freshKey();
      const document = randomBytes(300 * 1024);
      const expected = sha256Of(document);
      const damaged = Buffer.from(document);
      damaged[damaged.length - 1] = (damaged[damaged.length - 1] ?? 0) ^ 0xff;
      const error = await refusal(store.put(key, streamOf(damaged), expected));
      expect(error.received).toEqual(sha256Of(damaged));
      expect(await store.get(key)).toBeUndefined();
    });

    it('refuses too few and too many bytes, saying how many arrived', async () => {
      const key = freshKey();
      const document = randomBytes(200 * 1024);
      const expected: ExpectedBytes = sha256Of(document);
      const short = await refusal(store.put(key, streamOf(document.subarray(0, 1000)), expected));
      expect(short.received.size).toBe(1000);
      const long = await refusal(store.put(key, streamOf(Buffer.concat([document, Buffer.from('!')])), expected));
      expect(long.received.size).toBe(document.length + 1);
      // The first `size` bytes of the long one are the right document: a store must not keep them either.
      expect(await store.get(key)).toBeUndefined();
    });

    it('keeps what was stored when a replacement is refused', async () => {
      const key = freshKey();
      const first = randomBytes(100 * 1024);
      await store.put(key, streamOf(first), sha256Of(first));
      const other = randomBytes(100 * 1024);
      await refusal(store.put(key, streamOf(other), sha256Of(first)));
      expect(await digestAt(key)).toEqual(sha256Of(first));
    });

    it('replaces bytes in one step: every reader gets the old document or the new one, whole', async () => {
      const key = freshKey();
      const before = randomBytes(2 * 1024 * 1024);
      const after = randomBytes(2 * 1024 * 1024 + 17);
      await store.put(key, streamOf(before), sha256Of(before));
      // Opened before the replacement and read after it, and read while it is under way.
      const openedBefore = await store.get(key);
      const [, ...during] = await Promise.all([
        store.put(key, streamOf(after), sha256Of(after)),
        ...Array.from({ length: 4 }, () => read(key)),
      ]);
      if (!openedBefore) throw new Error('the document just stored is not there');
      const seen = [await bytesOf(openedBefore), ...during];
      for (const bytes of seen) expect([before, after].some((whole) => bytes?.equals(whole))).toBe(true);
      expect(await digestAt(key)).toEqual(sha256Of(after));
    });

    it('fails a put with its source’s own error, and stores nothing', async () => {
      const key = freshKey();
      const document = randomBytes(256 * 1024);
      const gone = new Error('the client went away');
      await expect(
        store.put(key, failingAfter(document.subarray(0, 64 * 1024), gone), sha256Of(document)),
      ).rejects.toBe(gone);
      expect(await store.get(key)).toBeUndefined();
    });

    it('answers undefined for a key that holds nothing', async () => {
      expect(await store.get(freshKey())).toBeUndefined();
    });

    it('deletes whether or not there is anything to delete', async () => {
      const key = freshKey();
      const document = Buffer.from('调解协议书');
      await store.put(key, streamOf(document), sha256Of(document));
      await store.delete(key);
      await store.delete(key);
      await store.delete(freshKey());
      expect(await store.get(key)).toBeUndefined();
    });

    it('refuses keys that could name anything but a document, before reading a byte', async () => {
      const document = Buffer.from('x');
      for (const key of ['../etc/passwd', 'a/../../b', '/abs', 'a/./b', 'a//b', '', 'a\\b', '.hidden', 'a/b/']) {
        const source = streamOf(document);
        await expect(store.put(key, source, sha256Of(document))).rejects.toBeInstanceOf(InvalidDocumentKeyError);
        expect(source.readableFlowing).toBeNull();
        await expect(store.get(key)).rejects.toBeInstanceOf(InvalidDocumentKeyError);
        await expect(store.delete(key)).rejects.toBeInstanceOf(InvalidDocumentKeyError);
      }
    });
  });
}
