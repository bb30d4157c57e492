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
 * Who files each village's demo report: that village's own staff from agency-service's demo seed (DEMO_STAFF and
 * DEMO_AGENCY_IDS in services/agency-service/src/seed/demo-town.ts; tooling cannot import a service, hence the
 * copy), so each village's mediators see their own village's case.
 */
const VILLAGE_REPORTERS: Record<string, Principal> = {
  shangba: {
    staffId: '5aff0000-0000-4000-8000-000000000001', // grid.shangba
    agencyId: 'a9e00000-0000-4000-8000-000000000001',
    townCode: 'qingshui',
    roles: ['grid-worker'],
  },
  xiaba: {
    staffId: '5aff0000-0000-4000-8000-000000000003', // mediator.xiaba
    agencyId: 'a9e00000-0000-4000-8000-000000000002',
    townCode: 'qingshui',
    roles: ['mediator'],
  },
  dongkou: {
    staffId: '5aff0000-0000-4000-8000-000000000004', // mediator.dongkou
    agencyId: 'a9e00000-0000-4000-8000-000000000003',
    townCode: 'qingshui',
    roles: ['mediator', 'grid-worker'],
  },
};

export async function seedDemoTown(caseServiceUrl: string, secrets: LocalSecrets, log: Logger): Promise<string[]> {
  const ids: string[] = [];
  for (const demo of DEMO_CASES) {
    const reporter = VILLAGE_REPORTERS[demo.body.villageCode];
    if (!reporter) throw new Error(`no demo reporter for village ${demo.body.villageCode}`);
    const token = await mintLocalToken(secrets, reporter);
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
