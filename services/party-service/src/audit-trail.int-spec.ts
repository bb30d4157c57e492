/**
 * party-service's audit trail on PostgreSQL: append-only for every role (the service's own role owns the table),
 * hash-chained so `npm run audit:verify` finds any change made behind the triggers' back, and a refused read of
 * another agency's party on record without any of the party's data.
 */
import request from 'supertest';
import { asServiceRole, attemptStatements, runAuditVerify, tamperWithAuditRecords } from '@gongzhi/testing';
import { AGENCIES, principal } from './party-service.fakes';
import { syntheticIdNumber } from './seed/synthetic-ids';
import { type PartyServiceOnPostgres, startPartyServiceOnPostgres } from './testing/party-service-on-postgres';

const TAMPERING = [
  "UPDATE audit_records SET actor = 'someone-else'",
  'DELETE FROM audit_records',
  'TRUNCATE audit_records',
];

let service: PartyServiceOnPostgres;

beforeAll(async () => {
  service = await startPartyServiceOnPostgres();
});

afterAll(async () => {
  await service?.close();
});

async function registerPerson(sequence: number): Promise<string> {
  const res = await request(service.app)
    .post('/api/v1/parties/lookup-or-create')
    .set('Authorization', await service.tokenFor(principal('mediator')))
    .send({
      kind: 'person',
      name: '审计测试',
      idNumber: syntheticIdNumber('522701', '19800101', sequence),
      phone: '13700000031',
      address: { townCode: 'qingshui', villageCode: 'shangba' },
    });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('the party-service audit trail on PostgreSQL', () => {
  it("records a 404 on another agency's party: who, which party and the status, none of its data", async () => {
    const id = await registerPerson(601);
    const stranger = principal('mediator', AGENCIES.other);
    const res = await request(service.app)
      .get(`/api/v1/parties/${id}?reveal=phone`)
      .set('Authorization', await service.tokenFor(stranger))
      .set('X-Request-Id', 'stranger-trace-1');
    expect(res.status).toBe(404);
    const rows = await service.prisma.auditRecord.findMany({
      where: { objectId: id, actor: stranger.staffId },
      select: { action: true, objectType: true, requestId: true, callerRequestId: true, status: true },
    });
    expect(rows).toEqual([
      {
        action: 'party.refused',
        objectType: 'party',
        requestId: res.headers['x-request-id'],
        callerRequestId: 'stranger-trace-1',
        status: 404,
      },
    ]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE to the service role, also once it grants itself the rights, and to a superuser', async () => {
    await registerPerson(602);
    const before = await service.prisma.auditRecord.count();
    const asPartyRole = asServiceRole(service.db.url, 'party');
    expect(await attemptStatements(asPartyRole, TAMPERING)).toEqual(
      TAMPERING.map(() => 'permission denied for table audit_records'),
    );
    const appendOnly = ['UPDATE', 'DELETE', 'TRUNCATE'].map(
      (op) => `audit_records is append-only: ${op} is not allowed`,
    );
    expect(
      await attemptStatements(asPartyRole, [
        'GRANT UPDATE, DELETE, TRUNCATE ON audit_records TO CURRENT_USER',
        ...TAMPERING,
      ]),
    ).toEqual(['ok', ...appendOnly]);
    expect(await attemptStatements(service.db.url, TAMPERING)).toEqual(appendOnly);
    expect(await service.prisma.auditRecord.count()).toBe(before);
  });

  // Last: it leaves the chain broken on purpose.
  it('chains every record; audit:verify finds the chain intact, then the row a superuser deleted', async () => {
    await Promise.all([603, 604, 605].map((sequence) => registerPerson(sequence)));
    const intact = await runAuditVerify(asServiceRole(service.db.url, 'party'), 'party');
    expect(intact).toEqual({ code: 0, output: expect.stringContaining('intact') });
    const latest = await service.prisma.auditRecord.findFirstOrThrow({
      where: { action: 'party.created' },
      orderBy: { seq: 'desc' },
      select: { seq: true },
    });
    await tamperWithAuditRecords(service.db.url, `DELETE FROM audit_records WHERE seq = ${latest.seq - 1n}`);
    const broken = await runAuditVerify(asServiceRole(service.db.url, 'party'), 'party');
    expect(broken.code).toBe(1);
    expect(broken.output).toContain(`at record ${latest.seq} `);
    expect(broken.output).toContain('missing (deleted)');
  });
});
