import { createHmac } from 'node:crypto';
import {
  AUDIT_CHAIN_GENESIS,
  type AuditRecordPages,
  type ChainedAuditRecord,
  auditRecordHash,
  auditRecordHmac,
  parseAuditChainAnchor,
  verifyAuditChain,
} from './audit-chain';

const KEY = Buffer.alloc(32, 7);

/** A chain as the service writes it: unkeyed (as the first migration chained them) below `keyedFrom`, keyed from it on. */
function chain(
  length: number,
  keyedFrom = 1,
  hashOf = (seq: number, content: Parameters<typeof auditRecordHash>[0]) =>
    seq >= keyedFrom ? auditRecordHmac(KEY, content) : auditRecordHash(content),
): ChainedAuditRecord[] {
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
    const hash = hashOf(i, content);
    records.push({ id: String(100 + i), ...content, hash });
    prevHash = hash;
  }
  return records;
}

const keyed = { key: KEY, keyedFromSeq: '1' };

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
    const report = await verifyAuditChain(pagesOf(records), { ...keyed, pageSize: 7 });
    expect(report).toEqual({ intact: true, records: 25, head: { seq: '25', hash: records[24]?.hash } });
    expect(await verifyAuditChain(pagesOf([]), keyed)).toEqual({ intact: true, records: 0, head: null });
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
    const report = await verifyAuditChain(pagesOf(records), keyed);
    expect(report).toEqual({
      intact: false,
      records: 4,
      broken: { id: '105', seq: '5', reason: expect.stringContaining('changed') },
    });
  });

  it('reports the record after one that was changed and re-hashed', async () => {
    const records = chain(10);
    const changed = { ...(records[4] as ChainedAuditRecord), objectId: 'case-999' };
    records[4] = { ...changed, hash: auditRecordHmac(KEY, changed) };
    const report = await verifyAuditChain(pagesOf(records), keyed);
    expect(report).toMatchObject({ intact: false, broken: { seq: '6', reason: expect.stringContaining('link') } });
  });

  it('reports a deleted record, and a record slipped in with a seq of its own', async () => {
    const deleted = chain(10).filter((record) => record.seq !== '3');
    expect(await verifyAuditChain(pagesOf(deleted), keyed)).toMatchObject({
      intact: false,
      broken: { seq: '4', reason: expect.stringContaining('missing') },
    });
    const forged = { ...(chain(1)[0] as ChainedAuditRecord), id: '1', seq: '0' };
    expect(await verifyAuditChain(pagesOf([forged, ...chain(3)]), keyed)).toMatchObject({
      intact: false,
      records: 0,
      broken: { id: '1', seq: '0' },
    });
  });

  it('reports the first changed record of a chain re-hashed in full without the key (as the database can)', async () => {
    const rewritten = chain(10, 1, (_seq, content) =>
      auditRecordHash(content.seq === '4' ? { ...content, actor: 'someone-else' } : content),
    ).map((record) => (record.seq === '4' ? { ...record, actor: 'someone-else' } : record));
    expect(await verifyAuditChain(pagesOf(rewritten), keyed)).toEqual({
      intact: false,
      records: 0,
      broken: { id: '101', seq: '1', reason: expect.stringContaining('without the audit chain key') },
    });
  });

  it('accepts the unkeyed records written before the key, and only those', async () => {
    const records = chain(10, 4);
    expect(await verifyAuditChain(pagesOf(records), { key: KEY, keyedFromSeq: '4' })).toMatchObject({ intact: true });
    expect(await verifyAuditChain(pagesOf(records), { key: KEY, keyedFromSeq: '3' })).toMatchObject({
      intact: false,
      broken: { seq: '3' },
    });
    expect(await verifyAuditChain(pagesOf(records), { key: Buffer.alloc(32, 8), keyedFromSeq: '4' })).toMatchObject({
      intact: false,
      broken: { seq: '4' },
    });
  });

  it('reports records cut off the end after an anchored head, and an anchored head that was rewritten', async () => {
    const records = chain(10);
    const anchor = { seq: '8', hash: records[7]?.hash ?? '' };
    expect(await verifyAuditChain(pagesOf(records), { ...keyed, anchors: [anchor] })).toMatchObject({ intact: true });
    expect(await verifyAuditChain(pagesOf(records.slice(0, 6)), { ...keyed, anchors: [anchor] })).toEqual({
      intact: false,
      records: 6,
      broken: { id: null, seq: '8', reason: expect.stringContaining('cut off the end') },
    });
    const other = { seq: '8', hash: 'f'.repeat(64) };
    expect(await verifyAuditChain(pagesOf(records), { ...keyed, anchors: [other] })).toMatchObject({
      intact: false,
      broken: { seq: '8', reason: expect.stringContaining('anchored') },
    });
  });

  describe('records naming many objects (a list read, `object_ids`)', () => {
    const listContent = {
      seq: '5',
      prevHash: 'a'.repeat(64),
      at: new Date('2026-12-05T03:00:00.123Z'),
      actor: '调解员',
      action: 'task.list',
      objectType: 'task',
      objectId: 'list',
      requestId: 'r-5',
      callerRequestId: null,
      status: null,
    };

    it('hashes them as gongzhi-audit-v3 (the v2 content, the count, each id), and v2 rows exactly as before', () => {
      // Computed by the v2-only code before object_ids existed: rows already written keep verifying.
      const v2 = 'e44eb9bacf41fc6cd07485f94d5d73201a377878f56f21a4eb22fabe26639e2a';
      expect(auditRecordHmac(KEY, listContent)).toBe(v2);
      expect(auditRecordHmac(KEY, { ...listContent, objectIds: null })).toBe(v2);
      const v2Fields = '1:5;64:' + 'a'.repeat(64) + ';13:1796439600123;9:调解员;9:task.list;4:task;4:list;3:r-5;~;~;';
      const hmac = (text: string) => createHmac('sha256', KEY).update(text, 'utf8').digest('hex');
      expect(hmac(`gongzhi-audit-v2;${v2Fields}`)).toBe(v2);
      expect(auditRecordHmac(KEY, { ...listContent, objectIds: ['t-1', 't-2'] })).toBe(
        hmac(`gongzhi-audit-v3;${v2Fields}1:2;3:t-1;3:t-2;`),
      );
      // An empty page is a read on record too, and not the same as a record of one object.
      expect(auditRecordHmac(KEY, { ...listContent, objectIds: [] })).toBe(hmac(`gongzhi-audit-v3;${v2Fields}1:0;`));
    });

    it('tells apart ids that spell the same characters differently', () => {
      const of = (objectIds: string[]) => auditRecordHmac(KEY, { ...listContent, objectIds });
      const hashes = [of(['a', 'b']), of(['ab']), of(['a;b']), of(['b', 'a']), of(['a', 'b', '']), of([])];
      expect(new Set(hashes).size).toBe(hashes.length);
    });

    /** Unkeyed below 3, keyed v2 and v3 rows mixed from 3 on (every 3rd row a list, an empty one among them). */
    function mixedChain(): ChainedAuditRecord[] {
      const lists = new Map<number, string[]>([
        [4, ['case-1', 'case-2', 'case-3']],
        [6, []],
        [9, ['case-9']],
      ]);
      const records: ChainedAuditRecord[] = [];
      let prevHash = AUDIT_CHAIN_GENESIS;
      for (let i = 1; i <= 10; i += 1) {
        const ids = lists.get(i);
        const content = {
          seq: String(i),
          prevHash,
          at: new Date(Date.UTC(2026, 11, 5, 3, 0, 0, i)),
          actor: `staff-${i}`,
          action: ids ? 'case.list' : 'case.read',
          objectType: 'case',
          objectId: ids ? 'list' : `case-${i}`,
          requestId: `req-${i}`,
          callerRequestId: null,
          status: null,
          // As PostgreSQL hands back the column: null on a record of one object.
          objectIds: ids ?? null,
        };
        const hash = i >= 3 ? auditRecordHmac(KEY, content) : auditRecordHash(content);
        records.push({ id: String(100 + i), ...content, hash });
        prevHash = hash;
      }
      return records;
    }
    const mixed = { key: KEY, keyedFromSeq: '3' };
    const withRecord = (records: ChainedAuditRecord[], seq: number, change: Partial<ChainedAuditRecord>) =>
      records.map((record) => (record.seq === String(seq) ? { ...record, ...change } : record));

    it('verifies a chain mixing unkeyed, v2 and v3 records', async () => {
      const records = mixedChain();
      expect(await verifyAuditChain(pagesOf(records), { ...mixed, pageSize: 4 })).toEqual({
        intact: true,
        records: 10,
        head: { seq: '10', hash: records[9]?.hash },
      });
    });

    it.each([
      ['an id changed', { objectIds: ['case-1', 'case-X', 'case-3'] }],
      ['an id removed', { objectIds: ['case-1', 'case-3'] }],
      ['an id added', { objectIds: ['case-1', 'case-2', 'case-3', 'case-4'] }],
      ['the ids reordered', { objectIds: ['case-3', 'case-2', 'case-1'] }],
      ['the ids emptied', { objectIds: [] }],
      ['the ids nulled (to pass as a v2 record)', { objectIds: null }],
    ])('reports a list record with %s', async (_what, change) => {
      const report = await verifyAuditChain(pagesOf(withRecord(mixedChain(), 4, change)), mixed);
      expect(report).toEqual({
        intact: false,
        records: 3,
        broken: { id: '104', seq: '4', reason: expect.stringContaining('changed after it was written') },
      });
    });

    it('reports ids given to a record of one object, keyed or from before the key', async () => {
      expect(await verifyAuditChain(pagesOf(withRecord(mixedChain(), 5, { objectIds: ['case-5'] })), mixed)).toEqual({
        intact: false,
        records: 4,
        broken: { id: '105', seq: '5', reason: expect.stringContaining('changed after it was written') },
      });
      expect(await verifyAuditChain(pagesOf(withRecord(mixedChain(), 2, { objectIds: [] })), mixed)).toEqual({
        intact: false,
        records: 1,
        broken: { id: '102', seq: '2', reason: expect.stringContaining('before the key') },
      });
    });
  });

  it('reads a head as audit:verify prints it, and nothing else', () => {
    expect(parseAuditChainAnchor(`12:${'a'.repeat(64)}`)).toEqual({ seq: '12', hash: 'a'.repeat(64) });
    expect(parseAuditChainAnchor('12:abc')).toBeUndefined();
    expect(parseAuditChainAnchor(`x:${'a'.repeat(64)}`)).toBeUndefined();
  });
});
