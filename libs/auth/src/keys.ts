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
 * `name` tells the pairs apart: `auth-signing` (agency-service's staff tokens) and `worker-signing` (the dispute
 * worker's own service tokens). Production keys come from a secret manager instead (deploy/README.md).
 */
export function ensureLocalSigningKeys(
  dir: string,
  name: 'auth-signing' | 'worker-signing' = 'auth-signing',
): { privateKeyFile: string; publicKeyFile: string } {
  const privateKeyFile = path.join(dir, `${name}-key.pem`);
  const publicKeyFile = path.join(dir, `${name}-key.pub.pem`);
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

function readKeyFile(variable: string, file: string, whose: string): string {
  try {
    return readPem(file);
  } catch {
    throw new Error(`${variable} (${file}) cannot be read: point it at ${whose} PEM public key.`);
  }
}

/**
 * The public keys a service verifies tokens with, read from the files its configuration names: agency-service's
 * (staff tokens) and, when configured, the dispute worker's (workflow-engine tokens). Fails with the variable to fix.
 */
export function readVerifierKeys(config: {
  AUTH_PUBLIC_KEY_FILE: string;
  WORKFLOW_ENGINE_PUBLIC_KEY_FILE?: string | undefined;
}): { publicKeyPem: string; workflowEnginePublicKeyPem: string | undefined } {
  return {
    publicKeyPem: readKeyFile('AUTH_PUBLIC_KEY_FILE', config.AUTH_PUBLIC_KEY_FILE, "agency-service's"),
    workflowEnginePublicKeyPem:
      config.WORKFLOW_ENGINE_PUBLIC_KEY_FILE === undefined
        ? undefined
        : readKeyFile(
            'WORKFLOW_ENGINE_PUBLIC_KEY_FILE',
            config.WORKFLOW_ENGINE_PUBLIC_KEY_FILE,
            "the dispute worker's",
          ),
  };
}
