import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Field-level protection of personal data (PIPL): AES-256-GCM with a random 96-bit IV per value, and an HMAC-SHA256
 * blind index to find a person by ID number without decrypting anything. Keys are named so they can rotate: new
 * writes use the active key, every configured key still decrypts.
 */

/** Which column a value belongs to; bound into the ciphertext (AAD) so a value cannot be moved to another column. */
export type SealedField = 'idNumber' | 'phone';

/** A sealed value as stored: `iv (12) ‖ ciphertext ‖ tag (16)` plus the id of the key that sealed it. */
export interface Sealed {
  ciphertext: Uint8Array;
  keyId: string;
}

export interface PartyCrypto {
  /** Seals a value for one field of one party (the party id is bound into the ciphertext). */
  seal(field: SealedField, partyId: string, plaintext: string): Sealed;
  /** Opens a sealed value; throws when the key is unknown or the value was tampered with (never says what it held). */
  open(field: SealedField, partyId: string, sealed: Sealed): string;
  /** Keyed hash of a normalised ID number: the same number always gives the same index, and nothing else can. */
  blindIndex(normalizedIdNumber: string): string;
  readonly activeKeyId: string;
}

export interface PartyCryptoKeys {
  /** keyId → 32-byte AES key. */
  encryptionKeys: ReadonlyMap<string, Buffer>;
  activeKeyId: string;
  /** 32-byte HMAC key of the blind index. Rotating it means recomputing every index (not supported online). */
  blindIndexKey: Buffer;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Thrown when a stored value cannot be opened; the message names the key id, never the data. */
export class SealedValueError extends Error {
  override readonly name = 'SealedValueError';
}

export function createPartyCrypto(keys: PartyCryptoKeys): PartyCrypto {
  for (const [keyId, key] of keys.encryptionKeys) {
    if (key.length !== KEY_BYTES) throw new Error(`encryption key ${keyId} must be ${KEY_BYTES} bytes`);
  }
  const active = keys.encryptionKeys.get(keys.activeKeyId);
  if (!active) throw new Error(`the active encryption key ${keys.activeKeyId} is not among the configured keys`);
  if (keys.blindIndexKey.length !== KEY_BYTES) throw new Error(`the blind index key must be ${KEY_BYTES} bytes`);
  const aad = (field: SealedField, partyId: string) => Buffer.from(`gongzhi-party:${field}:${partyId}`, 'utf8');

  return {
    activeKeyId: keys.activeKeyId,
    seal(field, partyId, plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', active, iv);
      cipher.setAAD(aad(field, partyId));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return { ciphertext: Buffer.concat([iv, body, cipher.getAuthTag()]), keyId: keys.activeKeyId };
    },
    open(field, partyId, sealed) {
      const key = keys.encryptionKeys.get(sealed.keyId);
      if (!key) {
        throw new SealedValueError(
          `A stored ${field} was sealed with key "${sealed.keyId}", which is not configured: add it back to PARTY_ENCRYPTION_KEYS.`,
        );
      }
      const data = Buffer.from(sealed.ciphertext);
      if (data.length < IV_BYTES + TAG_BYTES) throw new SealedValueError(`A stored ${field} is truncated.`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
        decipher.setAAD(aad(field, partyId));
        decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
        return Buffer.concat([
          decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new SealedValueError(`A stored ${field} failed its integrity check (key "${sealed.keyId}").`);
      }
    },
    blindIndex(normalizedIdNumber) {
      return createHmac('sha256', keys.blindIndexKey).update(`idNumber:${normalizedIdNumber}`, 'utf8').digest('hex');
    },
  };
}

/** Keyed digest for other values that must be comparable but not guessable (e.g. idempotency request hashes). */
export function keyedDigest(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}
