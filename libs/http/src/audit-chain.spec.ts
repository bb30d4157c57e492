import {
  AUDIT_CHAIN_GENESIS,
  type AuditRecordPages,
  type ChainedAuditRecord,
  auditRecordHash,
  verifyAuditChain,
} from './audit-chain';

/** A chain as the database trigger writes it. */
function chain(length: number): ChainedAuditRecord[] {
  const records: ChainedAuditRecord[] = [];
  let prevHash = AUDIT_CHAIN_GENESIS;
  for (let i = 1; i <= length; i += 1) {
    const content = {
      seq: String(i),
      prevHash,
      at: new Date(Date.UTC(2026, 2, 22, 2, 0, 0, i)),
      actor: `staff-${i}`,
      action: i % 3 === 0 ? 'case.refused' : 'case.read',
      objectType: 'case',
      objectId: `case-${i}`,
      requestId: `req-${i}`,
      callerRequestId: i % 2 === 0 ? `upstream-${i}` : null,
      status: i % 3 === 0 ? 404 : null,
    };
    const hash = auditRecordHash(content);
    records.push({ id: String(100 + i), ...content, hash });
    prevHash = hash;
  }
  return records;
}

function pagesOf(records: ChainedAuditRecord[]): AuditRecordPages {
  return async (afterSeq, limit) =>
    [...records]
      .sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1))
      .filter((record) => BigInt(record.seq) > BigInt(afterSeq))
      .slice(0, limit);
}

describe('verifying the audit hash chain', () => {
  it('finds an untouched chain intact, across pages, and names its head', async () => {
    const records = chain(25);
    const report = await verifyAuditChain(pagesOf(records), 7);
    expect(report).toEqual({ intact: true, records: 25, head: { seq: '25', hash: records[24]?.hash } });
    expect(await verifyAuditChain(pagesOf([]))).toEqual({ intact: true, records: 0, head: null });
  });

  it('computes exactly the hash PostgreSQL stores (values from audit_record_hash() in the migration)', () => {
    const base = { objectType: 'case', callerRequestId: null, status: null };
    expect(
      auditRecordHash({
        ...base,
        seq: '1',
        prevHash: AUDIT_CHAIN_GENESIS,
        at: new Date('2026-03-22T02:00:00.123Z'),
        actor: '调解员',
        action: 'case.read',
        objectId: 'c-1',
        requestId: 'r-1',
      }),
    ).toBe('30773a23d410888d2249b7fa80ab6c699a1dd65fed3376e13fb78f50e88fae96');
    expect(
      auditRecordHash({
        seq: '7',
        prevHash: 'abc',
        at: new Date('2026-03-22T02:00:00.999+08:00'),
        actor: 'a',
        action: 'case.refused',
        objectType: 'case',
        objectId: 'c-2',
        requestId: 'r-2',
        callerRequestId: 'up-1',
        status: 404,
      }),
    ).toBe('c7492c46a70ca0112e6c39caffd62ec58b4f32ab8be0b281258361ca18e2f58d');
  });

  it('reports a record whose content was changed', async () => {
    const records = chain(10);
    records[4] = { ...(records[4] as ChainedAuditRecord), actor: 'someone-else' };
    const report = await verifyAuditChain(pagesOf(records));
    expect(report).toEqual({
      intact: false,
      records: 4,
      broken: { id: '105', seq: '5', reason: expect.stringContaining('changed after it was written') },
    });
  });

  it('reports the record after one that was changed and re-hashed', async () => {
    const records = chain(10);
    const changed = { ...(records[4] as ChainedAuditRecord), objectId: 'case-999' };
    records[4] = { ...changed, hash: auditRecordHash(changed) };
    const report = await verifyAuditChain(pagesOf(records));
    expect(report).toMatchObject({ intact: false, broken: { seq: '6', reason: expect.stringContaining('link') } });
  });

  it('reports a deleted record, and a record slipped in with a seq of its own', async () => {
    const deleted = chain(10).filter((record) => record.seq !== '3');
    expect(await verifyAuditChain(pagesOf(deleted))).toMatchObject({
      intact: false,
      broken: { seq: '4', reason: expect.stringContaining('missing') },
    });
    const forged = { ...(chain(1)[0] as ChainedAuditRecord), id: '1', seq: '0' };
    expect(await verifyAuditChain(pagesOf([forged, ...chain(3)]))).toMatchObject({
      intact: false,
      records: 0,
      broken: { id: '1', seq: '0' },
    });
  });
});
