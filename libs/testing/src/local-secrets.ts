import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createServiceTokenSource, createTokenIssuer, ensureLocalSigningKeys, readPem } from '@gongzhi/auth';
import type { Principal } from '@gongzhi/contracts';

/** Secrets a local stack needs, made once under its data folder and kept so tokens and encrypted data survive restarts. */
export interface LocalSecrets {
  /** Ed25519 PEM files: agency-service signs access tokens with the private key, every service verifies with the public. */
  authPrivateKeyFile: string;
  authPublicKeyFile: string;
  /**
   * The dispute worker's own Ed25519 PEM files: it signs its `workflow-engine` tokens with the private key, and the
   * services accept them with the public key (WORKFLOW_ENGINE_PUBLIC_KEY_FILE).
   */
  workerPrivateKeyFile: string;
  workerPublicKeyFile: string;
  /** party-service's AES-256-GCM keys (`keyId:base64`, comma-separated), the active key id, and the blind-index key. */
  partyEncryptionKeys: string;
  partyEncryptionActiveKeyId: string;
  partyBlindIndexKey: string;
  /** Each audited service's audit chain key file (base64 of 32 bytes, AUDIT_CHAIN_KEY_FILE); its database never has it. */
  auditChainKeyFiles: Record<'party' | 'case' | 'agency', string>;
}

/** A service's audit chain key, made once: a new key would not verify the rows chained with the old one. */
function ensureAuditChainKeyFile(keysDir: string, service: 'party' | 'case' | 'agency'): string {
  const file = path.join(keysDir, `audit-chain-${service}.key`);
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  return file;
}

interface PartyKeys {
  encryptionKeys: string;
  activeKeyId: string;
  blindIndexKey: string;
}

/**
 * Local only: production keys come from a secret manager (deploy/README.md). Losing `.data/keys` makes the local
 * party data unreadable, which is why the folder lives beside the data it protects and is reset with it.
 */
export function ensureLocalSecrets(keysDir: string): LocalSecrets {
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const { privateKeyFile, publicKeyFile } = ensureLocalSigningKeys(keysDir);
  const worker = ensureLocalSigningKeys(keysDir, 'worker-signing');
  const partyFile = path.join(keysDir, 'party-keys.json');
  if (!existsSync(partyFile)) {
    const keys: PartyKeys = {
      encryptionKeys: `k1:${randomBytes(32).toString('base64')}`,
      activeKeyId: 'k1',
      blindIndexKey: randomBytes(32).toString('base64'),
    };
    writeFileSync(partyFile, JSON.stringify(keys, null, 2), { mode: 0o600 });
  }
  const party = JSON.parse(readFileSync(partyFile, 'utf8')) as PartyKeys;
  return {
    authPrivateKeyFile: privateKeyFile,
    authPublicKeyFile: publicKeyFile,
    workerPrivateKeyFile: worker.privateKeyFile,
    workerPublicKeyFile: worker.publicKeyFile,
    partyEncryptionKeys: party.encryptionKeys,
    partyEncryptionActiveKeyId: party.activeKeyId,
    partyBlindIndexKey: party.blindIndexKey,
    auditChainKeyFiles: {
      party: ensureAuditChainKeyFile(keysDir, 'party'),
      case: ensureAuditChainKeyFile(keysDir, 'case'),
      agency: ensureAuditChainKeyFile(keysDir, 'agency'),
    },
  };
}

/**
 * An access token signed with the local stack's key, for tests and the demo seed that act as a given staff member
 * without going through login.
 */
export async function mintLocalToken(secrets: LocalSecrets, principal: Principal, ttlSeconds = 3600): Promise<string> {
  const issuer = await createTokenIssuer({ privateKeyPem: readPem(secrets.authPrivateKeyFile), ttlSeconds });
  return (await issuer.issue(principal)).token;
}

/** A `workflow-engine` token signed with the local dispute worker's key, for tests that act as the worker. */
export async function mintLocalWorkerToken(secrets: LocalSecrets, ttlSeconds = 3600): Promise<string> {
  const source = await createServiceTokenSource({ privateKeyPem: readPem(secrets.workerPrivateKeyFile), ttlSeconds });
  return source.token();
}
