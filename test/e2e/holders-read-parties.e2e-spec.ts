/**
 * The agency that comes to hold a case reads its parties. A grid worker of the Shangba committee registers the
 * parties and reports a dispute with a risk of violence, which goes straight to the police station: its liaison gets
 * 404 on the parties while the transfer waits, accepts naming a mediator of the station, and a moment later reads
 * them (masked; revealed by role). A joint agency the coordinator brings in reads them too, and so does every holder
 * when a party joins the case later. The real services, worker and Kafka in between (case-service's outbox →
 * `case.parties-shared` → party-service's consumer): the reads are eventually consistent, so the test polls on them.
 */
import { randomUUID } from 'node:crypto';
import { residentIdCheckCharacter } from '@gongzhi/contracts';
import { serviceUrl } from '@gongzhi/testing/apps';
import { eventually, type HttpResult, type Staff, TownStack } from './support/town-stack';

interface Task {
  id: string;
  kind: string;
  status: string;
  level: string | null;
  agencyId: string;
}

interface PartyBody {
  id: string;
  idNumber: string | null;
  phone: string | null;
  involvedAgencyIds: string[];
}

const stack = new TownStack();
let grid: Staff;
let police: Staff;
let judicial: Staff;
let coordinator: Staff;
let sequence = Date.now() % 900;

beforeAll(async () => {
  await stack.start(['agency-service', 'party-service', 'case-service', 'dispute-worker'], {
    party: 24061,
    case: 24062,
    agency: 24063,
  });
  grid = await stack.login('grid.shangba');
  police = await stack.login('liaison.police');
  judicial = await stack.login('liaison.judicial');
  coordinator = await stack.login('coordinator');
});

afterAll(async () => {
  await stack.stop();
});

async function partyCall<T = PartyBody>(
  as: Staff,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<HttpResult<T>> {
  const res = await fetch(`${serviceUrl(stack.env, 'party')}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${as.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** A person registered in party-service by `as`, as intake does. */
async function register(as: Staff, name: string): Promise<string> {
  sequence = (sequence + 1) % 1000;
  const first17 = `11010519850306${String(sequence).padStart(3, '0')}`;
  const res = await partyCall(as, 'POST', '/api/v1/parties/lookup-or-create', {
    kind: 'person',
    name,
    idNumber: `${first17}${residentIdCheckCharacter(first17)}`,
    phone: '13900139000',
    address: { townCode: 'qingshui', villageCode: 'shangba' },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

const read = (as: Staff, partyId: string, reveal?: string) =>
  partyCall(as, 'GET', `/api/v1/parties/${partyId}${reveal ? `?reveal=${reveal}` : ''}`);

/** Waits until `as` may read the party: the grant travels through Kafka, a moment after the change that causes it. */
function readable(as: Staff, partyId: string): Promise<HttpResult<PartyBody>> {
  return eventually(`${as.username} reading party ${partyId}`, async () => {
    const res = await read(as, partyId);
    return res.status === 200 ? res : undefined;
  });
}

async function tasksOf(caseId: string): Promise<Task[]> {
  return (await stack.call<{ items: Task[] }>(coordinator, 'GET', `/api/v1/cases/${caseId}/tasks`)).body.items;
}

function openTask(caseId: string, kind: string): Promise<Task> {
  return eventually(`an open ${kind} task`, async () =>
    (await tasksOf(caseId)).find((t) => t.kind === kind && t.status === 'open'),
  );
}

it('lets the police station read the parties once it accepts the case, and the joint agency once it joins', async () => {
  const applicant = await register(grid, '赵十');
  const respondent = await register(grid, '钱十一');
  const opened = await stack.call<{ id: string }>(grid, 'POST', '/api/v1/cases', {
    key: randomUUID(),
    body: {
      disputeType: 'neighbour',
      source: 'grid-report',
      summary: 'Neighbours threaten each other over a wall; one has a knife.',
      townCode: 'qingshui',
      villageCode: 'shangba',
      riskAssessment: { violenceRisk: true, groupDispute: false, keyPerson: false },
      parties: [
        { partyId: applicant, role: 'applicant' },
        { partyId: respondent, role: 'respondent' },
      ],
    },
  });
  expect(opened.status).toBe(201);
  const caseId = opened.body.id;

  // The risk sends the case straight to the police. While the transfer waits, the station sees the case, not its
  // parties: asked to accept is not holding.
  const accept = await openTask(caseId, 'accept-transfer');
  expect(accept.agencyId).toBe(police.agencyId);
  expect((await read(police, applicant)).status).toBe(404);

  // The liaison accepts, naming a mediator of the station (the liaison is one too).
  const accepted = await stack.call(police, 'POST', `/api/v1/tasks/${accept.id}/complete`, {
    key: randomUUID(),
    body: { action: { kind: 'accept-transfer', responsibleStaffId: police.staffId } },
  });
  expect(accepted.status).toBe(200);

  for (const partyId of [applicant, respondent]) {
    const masked = await readable(police, partyId);
    expect(masked.body.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(masked.body.phone).toBe('139****9000');
    expect(masked.body.involvedAgencyIds).toContain(police.agencyId);
  }
  // A liaison may reveal, audited, like any party their agency sees.
  const revealed = await read(police, applicant, 'idNumber,phone');
  expect(revealed.status).toBe(200);
  expect([revealed.body.idNumber?.length, revealed.body.phone]).toEqual([18, '13900139000']);
  // The judicial office holds nothing yet.
  expect((await read(judicial, applicant)).status).toBe(404);

  // Joint mediation: the coordinator brings the judicial office in, whose liaison then reads the parties.
  await openTask(caseId, 'mediate');
  const joined = await stack.call(coordinator, 'POST', `/api/v1/cases/${caseId}/actions`, {
    key: randomUUID(),
    body: { action: { kind: 'add-joint-agencies', agencyIds: [judicial.agencyId] } },
  });
  expect(joined.status).toBe(200);
  expect((await readable(judicial, respondent)).body.idNumber).toMatch(/\*{8}/);

  // A party the police add later is shared with every holder: the judicial office reads it as well.
  const witness = await register(police, '孙十二');
  expect((await read(judicial, witness)).status).toBe(404);
  const current = await fetch(`${serviceUrl(stack.env, 'case')}/api/v1/cases/${caseId}`, {
    headers: { authorization: `Bearer ${police.token}` },
  });
  expect(current.status).toBe(200);
  const corrected = await fetch(`${serviceUrl(stack.env, 'case')}/api/v1/cases/${caseId}`, {
    method: 'PATCH',
    headers: {
      authorization: `Bearer ${police.token}`,
      'content-type': 'application/json',
      'if-match': current.headers.get('etag') ?? '',
    },
    body: JSON.stringify({
      parties: [
        { partyId: applicant, role: 'applicant' },
        { partyId: respondent, role: 'respondent' },
        { partyId: witness, role: 'other' },
      ],
    }),
  });
  expect(corrected.status).toBe(200);
  await readable(judicial, witness);
  // Nobody outside the case's holders: the village committee that registered the first two never held it, and
  // does not read the police's witness.
  expect((await read(grid, witness)).status).toBe(404);
});
