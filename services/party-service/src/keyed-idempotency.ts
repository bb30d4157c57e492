import type { IdempotencyStore } from '@gongzhi/http';
import { keyedDigest } from './crypto/party-crypto';

/**
 * The shared idempotency middleware stores a plain SHA-256 of the request body. Our bodies hold ID numbers, whose
 * space is small enough to brute-force from an unkeyed hash, so the stored hash is keyed (HMAC) before it is saved.
 */
export function keyedIdempotencyStore(inner: IdempotencyStore, key: Buffer): IdempotencyStore {
  const keyed = (requestHash: string) => keyedDigest(key, `idempotency:${requestHash}`);
  return {
    begin: (scope, idempotencyKey, requestHash) => inner.begin(scope, idempotencyKey, keyed(requestHash)),
    complete: (scope, idempotencyKey, status, body) => inner.complete(scope, idempotencyKey, status, body),
    release: (scope, idempotencyKey) => inner.release(scope, idempotencyKey),
    renew: (scope, idempotencyKey) => inner.renew(scope, idempotencyKey),
  };
}
