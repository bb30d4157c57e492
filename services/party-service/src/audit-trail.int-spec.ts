/**
 * party-service's audit trail on PostgreSQL: append-only for every role (the service's own role owns the table),
 * hash-chained so `npm run audit:verify` finds any change made behind the triggers' back, and a refused read of
 * another agency's party on record without any of the party's data.
 */
import request from 'supertest';
import {
  asServiceRole,
  attemptStatements,
  printedHead,
  rewriteAuditChainAsOwner,
  runAuditVerify,
  tamperWithAuditRecords,
} from '@gongzhi/testing';
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

  it("writes a request's audit rows in one INSERT, keyed onto the head", async () => {
    // A statement-level trigger (added as the superuser) counts INSERT statements on the table.
    expect(
      await attemptStatements(service.db.url, [
        'CREATE TABLE audit_insert_statements (n INTEGER NOT NULL)',
        'INSERT INTO audit_insert_statements VALUES (0)',
        `CREATE FUNCTION count_audit_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
           BEGIN UPDATE audit_insert_statements SET n = n + 1; RETURN NULL; END $$`,
        `CREATE TRIGGER count_audit_insert AFTER INSERT ON audit_records
           FOR EACH STATEMENT EXECUTE FUNCTION count_audit_insert()`,
      ]),
    ).toEqual(['ok', 'ok', 'ok', 'ok']);
    const id = await registerPerson(606);
    const headBefore = await service.prisma.auditRecord.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    await attemptStatements(service.db.url, ['UPDATE audit_insert_statements SET n = 0']);
    const res = await request(service.app)
      .get(`/api/v1/parties/${id}`)
      .set('Authorization', await service.tokenFor(principal('mediator')));
    expect(res.status).toBe(200);
    const [counted] = await service.prisma.$queryRawUnsafe<{ n: number }[]>('SELECT n FROM audit_insert_statements');
    const written = await service.prisma.auditRecord.findMany({
      where: { seq: { gt: headBefore.seq } },
      select: { seq: true, prevHash: true, action: true },
    });
    expect({ statements: counted?.n, written }).toEqual({
      statements: 1,
      written: [{ seq: headBefore.seq + 1n, prevHash: headBefore.hash, action: 'party.read' }],
    });
    await attemptStatements(service.db.url, ['DROP TRIGGER count_audit_insert ON audit_records']);
  });

  // Last: it leaves the chain broken on purpose, step by step.
  it('audit:verify finds the chain intact, rows cut off after a recorded head, a deleted row, and a chain the owner re-hashed', async () => {
    const asPartyRole = asServiceRole(service.db.url, 'party');
    await Promise.all([603, 604, 605].map((sequence) => registerPerson(sequence)));
    const intact = await runAuditVerify(asPartyRole, 'party');
    expect(intact).toEqual({ code: 0, output: expect.stringContaining('intact') });
    const kept = printedHead(intact.output);
    await Promise.all([607, 608].map((sequence) => registerPerson(sequence)));
    const recorded = printedHead((await runAuditVerify(asPartyRole, 'party')).output);

    // The owner cuts the last rows off: the chain alone still looks whole, the recorded head shows what is missing.
    const keptSeq = BigInt(kept.split(':')[0] ?? '0');
    await rewriteAuditChainAsOwner(
      service.db.url,
      'party',
      `DELETE FROM audit_records WHERE seq > ${keptSeq}`,
      keptSeq + 1n,
    );
    expect(await runAuditVerify(asPartyRole, 'party')).toEqual({
      code: 0,
      output: expect.stringContaining(`head ${kept}`),
    });
    const truncated = await runAuditVerify(asPartyRole, 'party', ['--expect-head', recorded, '--expect-head', kept]);
    expect(truncated.code).toBe(1);
    expect(truncated.output).toContain(`at record ${recorded.split(':')[0]}`);
    expect(truncated.output).toContain('cut off the end');

    // A superuser deletes a row in the middle.
    await tamperWithAuditRecords(service.db.url, `DELETE FROM audit_records WHERE seq = ${keptSeq - 1n}`);
    const deleted = await runAuditVerify(asPartyRole, 'party');
    expect(deleted.code).toBe(1);
    expect(deleted.output).toContain(`at record ${keptSeq} `);
    expect(deleted.output).toContain('missing (deleted)');

    // The owner changes a row and re-chains everything after it with the database's own hash: no gap, every link
    // fits, every row matches audit_record_hash(), and still the first changed row is reported.
    await rewriteAuditChainAsOwner(
      service.db.url,
      'party',
      "UPDATE audit_records SET actor = 'someone-else' WHERE seq = 2",
      2n,
    );
    const rewritten = await runAuditVerify(asPartyRole, 'party');
    expect(rewritten.code).toBe(1);
    expect(rewritten.output).toContain('at record 2 ');
    expect(rewritten.output).toContain('without the audit chain key');
  });
});
