/**
 * The real agency-service for party-service's integration tests: the process `npm start` runs, on a fresh database
 * seeded with the demo town, with the local stack's keys (so the staff tokens the tests mint, and party-service
 * forwards, verify there too).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Principal } from '@gongzhi/contracts';
// Test-only harness (a type:test library); this folder is test code.
import {
  createTestDatabase,
  ensureLocalSecrets,
  type LocalSecrets,
  mintLocalToken,
  startAgencyServiceAlone,
} from '@gongzhi/testing';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

export interface DemoAgencyService {
  baseUrl: string;
  secrets: LocalSecrets;
  /** Creates an agency through agency-service's API (as an administrator); returns its id. */
  createAgency(townCode: string, name: string): Promise<string>;
  /** Stops the process (a test of "agency-service is down" may call it early) and drops its database. */
  stop(): Promise<void>;
}

export async function startDemoAgencyService(): Promise<DemoAgencyService> {
  const logDir = process.env['GONGZHI_TEST_LOG_DIR'] ?? path.join(REPO_ROOT, '.data/test/logs');
  const secrets = ensureLocalSecrets(path.join(logDir, '..', 'keys'));
  const db = await createTestDatabase('agency');
  try {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'services/agency-service/src/seed/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: db.url },
    });
    const { app, baseUrl } = await startAgencyServiceAlone({ databaseUrl: db.url, secrets, logDir });
    const administrator: Principal = {
      staffId: 'party-int-admin',
      agencyId: 'a9e00000-0000-4000-8000-000000000007',
      townCode: 'qingshui',
      roles: ['administrator'],
    };
    return {
      baseUrl,
      secrets,
      async createAgency(townCode, name) {
        const res = await fetch(`${baseUrl}/api/v1/agencies`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            // Short-lived, like the access tokens agency-service issues itself (it refuses longer ones).
            authorization: `Bearer ${await mintLocalToken(secrets, administrator, 300)}`,
          },
          body: JSON.stringify({
            kind: 'other-department',
            name,
            townCode,
            areaCodes: [],
            contactPhone: null,
            receptionHours: [],
          }),
        });
        const body = (await res.json()) as { id?: string };
        if (res.status !== 201 || !body.id)
          throw new Error(`agency-service refused the agency (${res.status}): ${JSON.stringify(body)}`);
        return body.id;
      },
      async stop() {
        await app.stop();
        await db.drop();
      },
    };
  } catch (error) {
    await db.drop();
    throw error;
  }
}
