import { randomUUID } from 'node:crypto';
import {
  DOMAIN_EVENT_CATALOG,
  DOMAIN_EVENT_TYPES,
  domainEventJsonSchemas,
  type EventData,
  parseDomainEvent,
} from './catalog';
import { CLOUDEVENTS_SPEC_VERSION, EVENT_DATA_CONTENT_TYPE } from './envelope';

const caseId = randomUUID();
const opened: EventData<'gongzhi.case.opened'> = {
  caseId,
  townCode: 'qingshui',
  villageCode: 'shangba',
  disputeType: 'neighbour',
  source: 'grid-report',
  riskFlags: [],
  parties: [{ partyId: randomUUID(), role: 'applicant' }],
  amountInDispute: null,
};

function envelope(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    specversion: CLOUDEVENTS_SPEC_VERSION,
    id: randomUUID(),
    source: '/gongzhi/case-service',
    type: 'gongzhi.case.opened',
    time: '2026-03-22T02:00:00.000Z',
    subject: `case/${caseId}`,
    datacontenttype: EVENT_DATA_CONTENT_TYPE,
    schemaversion: 1,
    partitionkey: caseId,
    data: opened,
    ...overrides,
  };
}

describe('parseDomainEvent', () => {
  it('accepts a well-formed event and types its data', () => {
    const parsed = parseDomainEvent(envelope());
    expect(parsed.ok).toBe(true);
    if (parsed.ok && parsed.event.type === 'gongzhi.case.opened')
      expect(parsed.event.data.disputeType).toBe('neighbour');
  });

  it.each([
    ['not an object', 'hello', 'invalid-envelope'],
    ['another spec version', envelope({ specversion: '0.3' }), 'invalid-envelope'],
    ['a non-UUID id', envelope({ id: 'x' }), 'invalid-envelope'],
    ['an unknown type', envelope({ type: 'gongzhi.case.teleported' }), 'unknown-type'],
    ['a future schema version', envelope({ schemaversion: 2 }), 'unsupported-schema-version'],
    ['a subject of another aggregate', envelope({ subject: `party/${caseId}` }), 'wrong-aggregate'],
    ['a payload with free text', envelope({ data: { ...opened, summary: '张三 13800000000' } }), 'invalid-payload'],
    ['a payload missing a field', envelope({ data: { ...opened, disputeType: undefined } }), 'invalid-payload'],
  ])('rejects %s', (_what, value, reason) => {
    const parsed = parseDomainEvent(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toBe(reason);
  });

  it('never repeats a value in its rejection message', () => {
    const parsed = parseDomainEvent(envelope({ data: { ...opened, townCode: '13800000000 张三' } }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).not.toContain('13800000000');
  });
});

describe('a risk flag set on a party', () => {
  const partyId = randomUUID();
  const flagSet: EventData<'gongzhi.party.risk-flag-set'> = {
    partyId,
    townCode: 'qingshui',
    flagId: randomUUID(),
    category: 'violence-risk',
    agencyId: randomUUID(),
  };
  const riskEvent = (data: Record<string, unknown>) =>
    envelope({
      source: '/gongzhi/party-service',
      type: 'gongzhi.party.risk-flag-set',
      subject: `party/${partyId}`,
      partitionkey: partyId,
      data,
    });

  it('carries ids and a category code', () => {
    const parsed = parseDomainEvent(riskEvent(flagSet));
    expect(parsed.ok).toBe(true);
    if (parsed.ok && parsed.event.type === 'gongzhi.party.risk-flag-set') {
      expect(parsed.event.data).toEqual(flagSet);
    }
  });

  it.each([
    ['the reason', { reason: '扬言要对邻居动手' }],
    ['who set it', { setBy: 'staff-1' }],
    ['a category that is not a code', { category: '张三扬言动手' }],
    ['a flag id that is not an id', { flagId: '13800000000' }],
  ])('refuses a payload with %s', (_what, change) => {
    const parsed = parseDomainEvent(riskEvent({ ...flagSet, ...change }));
    expect(parsed).toMatchObject({ ok: false, reason: 'invalid-payload' });
  });
});

describe('the event catalog', () => {
  const schemas = domainEventJsonSchemas();

  it('lists every event the issue asks for', () => {
    expect(DOMAIN_EVENT_TYPES).toEqual(
      expect.arrayContaining([
        'gongzhi.case.opened',
        'gongzhi.case.report-linked',
        'gongzhi.case.merged',
        'gongzhi.case.level-entered',
        'gongzhi.case.transfer-accepted',
        'gongzhi.case.transfer-rejected',
        'gongzhi.case.deadline-missed',
        'gongzhi.case.escalation-approved',
        'gongzhi.case.escalation-refused',
        'gongzhi.case.agreement-recorded',
        'gongzhi.case.closed',
        'gongzhi.case.parties-shared',
        'gongzhi.party.risk-flag-set',
        'gongzhi.agency.policy-changed',
      ]),
    );
  });

  it('produces a JSON Schema for every envelope', () => {
    for (const type of DOMAIN_EVENT_TYPES) {
      const schema = schemas[type] as { properties: Record<string, { const?: unknown }>; required: string[] };
      expect(schema.properties['type']?.const).toBe(type);
      expect(schema.required).toEqual(expect.arrayContaining(['specversion', 'id', 'source', 'type', 'data']));
    }
  });

  it('has no field that could hold personal data or free text', () => {
    const forbidden = /^(name|displayName|phone|contactPhone|contactName|idNumber|address|summary|notes|reason)$/;
    const fieldsOf = (schema: unknown): string[] => {
      if (typeof schema !== 'object' || schema === null) return [];
      const node = schema as { properties?: Record<string, unknown>; items?: unknown };
      return [
        ...Object.keys(node.properties ?? {}),
        ...Object.values(node.properties ?? {}).flatMap(fieldsOf),
        ...fieldsOf(node.items),
      ];
    };
    for (const type of DOMAIN_EVENT_TYPES) {
      const data = (schemas[type] as { properties: { data: unknown } }).properties.data;
      // `reason` is allowed only as a closed list of codes.
      const offending = fieldsOf(data).filter((field) => forbidden.test(field));
      for (const field of offending) {
        expect({ type, field, enum: JSON.stringify(data).includes('"enum"') }).toEqual({ type, field, enum: true });
      }
    }
    expect(Object.keys(DOMAIN_EVENT_CATALOG)).toHaveLength(DOMAIN_EVENT_TYPES.length);
  });
});
