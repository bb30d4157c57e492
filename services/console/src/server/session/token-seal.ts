import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Seals tokens before they are written to the session table (AES-256-GCM): a copy of the database alone gives no
 * one a usable access or refresh token. Each sealed value names its key, so keys can be rotated.
 */
export interface TokenSeal {
  seal(plain: string): string;
  open(sealed: string): string;
}

const VERSION = 'v1';

/** Parses `keyId:base64,keyId:base64`: the first key seals, every key opens. */
export function createTokenSeal(keys: string): TokenSeal {
  const parsed = keys.split(',').map((entry) => {
    const [id, material] = entry.split(':');
    const key = Buffer.from(material ?? '', 'base64');
    if (!id || key.length !== 32) throw new Error('each session key must be keyId:base64 of exactly 32 bytes');
    return { id, key };
  });
  const active = parsed[0];
  if (!active) throw new Error('give at least one session key');
  const byId = new Map(parsed.map((k) => [k.id, k.key]));
  return {
    seal(plain) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', active.key, nonce);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, active.id, nonce.toString('base64'), body.toString('base64'), tag.toString('base64')].join('.');
    },
    open(sealed) {
      const [version, id, nonce, body, tag] = sealed.split('.');
      const key = id === undefined ? undefined : byId.get(id);
      if (version !== VERSION || !key || !nonce || body === undefined || !tag) {
        throw new Error('sealed with an unknown key or format');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}
