/**
 * A grid worker's report carries what intake knows (the other party, the amount, the risk signs) on the real stack:
 * the report that opens a case with a risk of violence sends it straight to the police station (the workflow plans its
 * route from the case's risk flags), with both parties and the amount on the case; a later report of the same event
 * with more risk signs joins the case without re-routing it or changing it — what it brought stays on the report.
 */
import { randomUUID } from 'node:crypto';
import { residentIdCheckCharacter } from '@gongzhi/contracts';
import { serviceUrl } from '@gongzhi/testing/apps';
import { eventually, type Staff, TownStack } from './support/town-stack';

interface Task {
  id: string;
  kind: string;
  status: string;
  agencyId: string;
  level: string | null;
}

const stack = new TownStack();
let grid: Staff;
let police: Staff;
let coordinator: Staff;

beforeAll(async () => {
  await stack.start(['agency-service', 'party-service', 'case-service', 'dispute-worker'], {
    party: 24071,
    case: 24072,
    agency: 24073,
  });
  grid = await stack.login('grid.shangba');
  police = await stack.login('liaison.police');
  coordinator = await stack.login('coordinator');
});

afterAll(async () => {
  await stack.stop();
});

/** Registers a person through party-service as the grid worker would from the report form; returns its id. */
async function registerPerson(name: string, sequence: number): Promise<string> {
  const first17 = `52263419800615${String(sequence).padStart(3, '0')}`;
  const res = await fetch(`${serviceUrl(stack.env, 'party')}/api/v1/parties/lookup-or-create`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${grid.token}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({
      kind: 'person',
      name,
      idNumber: `${first17}${residentIdCheckCharacter(first17)}`,
      address: { townCode: 'qingshui', villageCode: 'shangba' },
    }),
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`register ${name}: HTTP ${res.status}`);
  return ((await res.json()) as { id: string }).id;
}

const openTasks = async (caseId: string) =>
  (await stack.call<{ items: Task[] }>(coordinator, 'GET', `/api/v1/cases/${caseId}/tasks`)).body.items.filter(
    (task) => task.status === 'open',
  );

it('routes a report with a risk of violence straight to the police, and a linked report changes nothing', async () => {
  const reporter = await registerPerson('王小明', 101);
  const respondent = await registerPerson('李建国', 102);
  const eventRef = `JQ-${randomUUID().slice(0, 8)}`;
  const base = {
    disputeType: 'wages-labour',
    source: 'grid-report',
    townCode: 'qingshui',
    villageCode: 'shangba',
    gridCode: `sb-${randomUUID().slice(0, 6)}`,
    eventRef,
  };
  const opened = await stack.call<{ outcome: string; case: Record<string, unknown> }>(grid, 'POST', '/api/v1/reports', {
    body: {
      ...base,
      summary: '工人讨薪与包工头推搡，有人扬言动刀。',
      reporterPartyId: reporter,
      otherParties: [{ partyId: respondent, role: 'respondent' }],
      amountInDispute: '18600.50',
      riskAssessment: { violenceRisk: true, groupDispute: false, keyPerson: false },
    },
    key: randomUUID(),
  });
  expect(opened.status).toBe(201);
  expect(opened.body.outcome).toBe('opened');
  const caseId = opened.body.case['id'] as string;

  // The first transfer goes to the police station, not to Shangba's committee that took the report.
  const accept = await eventually('the first transfer', async () =>
    (await openTasks(caseId)).find((task) => task.kind === 'accept-transfer'),
  );
  expect(accept.agencyId).toBe(police.agencyId);
  const asPolice = await stack.call<Record<string, unknown>>(police, 'GET', `/api/v1/cases/${caseId}`);
  expect(asPolice.status).toBe(200);
  expect(asPolice.body).toMatchObject({
    amountInDispute: '18600.50',
    riskAssessment: { violenceRisk: true },
    parties: expect.arrayContaining([
      { partyId: reporter, role: 'applicant' },
      { partyId: respondent, role: 'respondent' },
    ]),
  });

  const linked = await stack.call<{ outcome: string; report: Record<string, unknown> }>(
    grid,
    'POST',
    '/api/v1/reports',
    {
      body: {
        ...base,
        summary: '工人聚集在工地门口，人数增加。',
        amountInDispute: '250000',
        riskAssessment: { violenceRisk: true, groupDispute: true, keyPerson: false },
      },
      key: randomUUID(),
    },
  );
  expect(linked.body).toMatchObject({
    outcome: 'linked',
    report: { matchedBy: 'same-event', amountInDispute: '250000.00', riskAssessment: { groupDispute: true } },
  });
  const after = await stack.call<Record<string, unknown>>(coordinator, 'GET', `/api/v1/cases/${caseId}`);
  expect(after.body).toMatchObject({
    amountInDispute: '18600.50',
    riskAssessment: { violenceRisk: true, groupDispute: false },
  });
  // Still one transfer, still to the police: the linked report started nothing.
  expect((await openTasks(caseId)).filter((task) => task.kind === 'accept-transfer')).toEqual([
    expect.objectContaining({ id: accept.id, agencyId: police.agencyId }),
  ]);
});
