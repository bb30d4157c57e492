/**
 * A demo town to look at after `npm start`: a few cases opened through the public API, so they get workflows
 * like any real case. Idempotent: fixed Idempotency-Keys make a second run a no-op.
 */
import type { Principal } from '@gongzhi/contracts';
import { type LocalSecrets, mintLocalToken } from '@gongzhi/testing/local-secrets';
import type { Logger } from './lib/log';

const DEMO_CASES = [
  {
    key: 'demo-seed-0001',
    body: {
      disputeType: 'land-forest',
      source: 'grid-report',
      summary: 'Two households dispute the boundary of a contracted plot after a re-measurement.',
      townCode: 'qingshui',
      villageCode: 'shangba',
    },
  },
  {
    key: 'demo-seed-0002',
    body: {
      disputeType: 'wages-labour',
      source: 'hotline-12345',
      summary: 'Seven workers report unpaid wages for three months on a housing site.',
      townCode: 'qingshui',
      villageCode: 'xiaba',
    },
  },
  {
    key: 'demo-seed-0003',
    body: {
      disputeType: 'neighbour',
      source: 'walk-in',
      summary: 'Rainwater from a new roof drains into the neighbouring courtyard.',
      townCode: 'qingshui',
      villageCode: 'dongkou',
    },
  },
];

/**
 * The demo town's grid worker of Shangba (agency-service's seed: DEMO_STAFF.gridWorker of
 * DEMO_AGENCY_IDS.shangbaCommittee) files the demo reports; tooling cannot import a service, hence the copy.
 */
const DEMO_REPORTER: Principal = {
  staffId: '5aff0000-0000-4000-8000-000000000001',
  agencyId: 'a9e00000-0000-4000-8000-000000000001',
  townCode: 'qingshui',
  roles: ['grid-worker'],
};

export async function seedDemoTown(caseServiceUrl: string, secrets: LocalSecrets, log: Logger): Promise<string[]> {
  const token = await mintLocalToken(secrets, DEMO_REPORTER);
  const ids: string[] = [];
  for (const demo of DEMO_CASES) {
    const res = await fetch(`${caseServiceUrl}/api/v1/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': demo.key, authorization: `Bearer ${token}` },
      body: JSON.stringify(demo.body),
    });
    if (res.status !== 201) throw new Error(`seeding a demo case failed: HTTP ${res.status} ${await res.text()}`);
    const created = (await res.json()) as { id: string };
    ids.push(created.id);
  }
  log.info('seed', `demo town "qingshui" has ${ids.length} demo cases:`);
  for (const id of ids) log.info('seed', `  ${caseServiceUrl}/api/v1/cases/${id}`);
  return ids;
}
