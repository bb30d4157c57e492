import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface KeyPairPem {
  privateKeyPem: string;
  publicKeyPem: string;
}

/** A fresh Ed25519 key pair in PEM form (PKCS#8 private, SPKI public). */
export function generateSigningKeyPair(): KeyPairPem {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * The local stack's signing keys, made once under the stack's data folder and kept, so tokens survive a restart.
 * Production keys come from a secret manager instead (deploy/README.md).
 */
export function ensureLocalSigningKeys(dir: string): { privateKeyFile: string; publicKeyFile: string } {
  const privateKeyFile = path.join(dir, 'auth-signing-key.pem');
  const publicKeyFile = path.join(dir, 'auth-signing-key.pub.pem');
  if (!existsSync(privateKeyFile) || !existsSync(publicKeyFile)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const pair = generateSigningKeyPair();
    writeFileSync(privateKeyFile, pair.privateKeyPem, { mode: 0o600 });
    writeFileSync(publicKeyFile, pair.publicKeyPem);
  }
  return { privateKeyFile, publicKeyFile };
}

export function readPem(file: string): string {
  return readFileSync(file, 'utf8');
}
