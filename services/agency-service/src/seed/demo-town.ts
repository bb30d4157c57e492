/**
 * The demo town 清水镇 (qingshui): three villages, their mediation committees, the town's police station, judicial
 * office, people's tribunal and comprehensive-governance centre, a staff account for every role, and version 1 of
 * the default escalation policy. Fixed ids, so other services' seeds and tests can refer to them.
 */
import type { AgencyKind, ReceptionWindow, StaffRole } from '@gongzhi/contracts';
import { writeOutbox } from '@gongzhi/outbox';
import { type AgencyEvents, createAgencyEvents } from '../events/agency-events';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { DEFAULT_POLICY } from '../policy/policy.defaults';
import { hashPassword } from '../staff/passwords';

export const DEMO_TOWN_CODE = 'qingshui';
export const DEMO_TOWN_NAME = '清水镇';
export const DEMO_VILLAGE_CODES = ['shangba', 'xiaba', 'dongkou'] as const;

export interface DemoVillage {
  id: string;
  code: (typeof DEMO_VILLAGE_CODES)[number];
  name: string;
  gridCodes: string[];
}

/** The villages by name, with the grids (网格) the demo's parties and reports use (shangba-01…). */
export const DEMO_VILLAGES: DemoVillage[] = [
  {
    id: 'a9e10000-0000-4000-8000-000000000001',
    code: 'shangba',
    name: '上坝村',
    gridCodes: ['shangba-01', 'shangba-02', 'shangba-03'],
  },
  { id: 'a9e10000-0000-4000-8000-000000000002', code: 'xiaba', name: '下坝村', gridCodes: ['xiaba-01', 'xiaba-02'] },
  {
    id: 'a9e10000-0000-4000-8000-000000000003',
    code: 'dongkou',
    name: '洞口村',
    gridCodes: ['dongkou-01', 'dongkou-02'],
  },
];
/** Every demo account's password. Demo only: the seed is never run against a production database. */
export const DEMO_PASSWORD = 'gongzhi-demo';

export const DEMO_AGENCY_IDS = {
  shangbaCommittee: 'a9e00000-0000-4000-8000-000000000001',
  xiabaCommittee: 'a9e00000-0000-4000-8000-000000000002',
  dongkouCommittee: 'a9e00000-0000-4000-8000-000000000003',
  policeStation: 'a9e00000-0000-4000-8000-000000000004',
  judicialOffice: 'a9e00000-0000-4000-8000-000000000005',
  court: 'a9e00000-0000-4000-8000-000000000006',
  governanceCentre: 'a9e00000-0000-4000-8000-000000000007',
} as const;

export interface DemoAgency {
  id: string;
  kind: AgencyKind;
  name: string;
  areaCodes: string[];
  contactPhone: string;
  receptionHours: ReceptionWindow[];
}

const weekdays = (from: string, to: string): ReceptionWindow[] =>
  [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from, to }));

export const DEMO_AGENCIES: DemoAgency[] = [
  {
    id: DEMO_AGENCY_IDS.shangbaCommittee,
    kind: 'mediation-committee',
    name: '上坝村人民调解委员会',
    areaCodes: ['shangba'],
    contactPhone: '0000-1000001',
    receptionHours: weekdays('09:00', '17:00'),
  },
  {
    id: DEMO_AGENCY_IDS.xiabaCommittee,
    kind: 'mediation-committee',
    name: '下坝村人民调解委员会',
    areaCodes: ['xiaba'],
    contactPhone: '0000-1000002',
    receptionHours: weekdays('09:00', '17:00'),
  },
  {
    id: DEMO_AGENCY_IDS.dongkouCommittee,
    kind: 'mediation-committee',
    name: '洞口村人民调解委员会',
    areaCodes: ['dongkou'],
    contactPhone: '0000-1000003',
    receptionHours: weekdays('09:00', '17:00'),
  },
  {
    id: DEMO_AGENCY_IDS.policeStation,
    kind: 'police-station',
    name: '清水派出所',
    areaCodes: [...DEMO_VILLAGE_CODES],
    contactPhone: '0000-1000110',
    receptionHours: [...weekdays('08:30', '17:30'), { weekday: 1, from: '09:00', to: '12:00', note: '所长接待日' }],
  },
  {
    id: DEMO_AGENCY_IDS.judicialOffice,
    kind: 'judicial-office',
    name: '清水镇司法所',
    areaCodes: [...DEMO_VILLAGE_CODES],
    contactPhone: '0000-1000148',
    receptionHours: [
      ...weekdays('08:30', '17:30'),
      { weekday: 2, from: '09:00', to: '12:00', note: '律师坐班' },
      { weekday: 3, from: '09:00', to: '12:00', note: '律师坐班' },
    ],
  },
  {
    id: DEMO_AGENCY_IDS.court,
    kind: 'court',
    name: '清水人民法庭',
    areaCodes: [...DEMO_VILLAGE_CODES],
    contactPhone: '0000-1000120',
    receptionHours: [{ weekday: 5, from: '09:00', to: '17:00', note: '法庭接待日（周五）' }],
  },
  {
    id: DEMO_AGENCY_IDS.governanceCentre,
    kind: 'governance-centre',
    name: '清水镇综治中心',
    areaCodes: [...DEMO_VILLAGE_CODES],
    contactPhone: '0000-1000100',
    receptionHours: weekdays('08:30', '17:30'),
  },
];

export interface DemoStaff {
  id: string;
  username: string;
  displayName: string;
  agencyId: string;
  roles: StaffRole[];
}

export const DEMO_STAFF = {
  gridWorker: {
    id: '5aff0000-0000-4000-8000-000000000001',
    username: 'grid.shangba',
    displayName: '网格员 上坝',
    agencyId: DEMO_AGENCY_IDS.shangbaCommittee,
    roles: ['grid-worker'],
  },
  mediatorShangba: {
    id: '5aff0000-0000-4000-8000-000000000002',
    username: 'mediator.shangba',
    displayName: '调解员 上坝',
    agencyId: DEMO_AGENCY_IDS.shangbaCommittee,
    roles: ['mediator'],
  },
  mediatorXiaba: {
    id: '5aff0000-0000-4000-8000-000000000003',
    username: 'mediator.xiaba',
    displayName: '调解员 下坝',
    agencyId: DEMO_AGENCY_IDS.xiabaCommittee,
    roles: ['mediator'],
  },
  mediatorDongkou: {
    id: '5aff0000-0000-4000-8000-000000000004',
    username: 'mediator.dongkou',
    displayName: '调解员 洞口',
    agencyId: DEMO_AGENCY_IDS.dongkouCommittee,
    roles: ['mediator', 'grid-worker'],
  },
  policeLiaison: {
    id: '5aff0000-0000-4000-8000-000000000005',
    username: 'liaison.police',
    displayName: '联络员 派出所',
    agencyId: DEMO_AGENCY_IDS.policeStation,
    roles: ['liaison', 'mediator'],
  },
  judicialLiaison: {
    id: '5aff0000-0000-4000-8000-000000000006',
    username: 'liaison.judicial',
    displayName: '联络员 司法所',
    agencyId: DEMO_AGENCY_IDS.judicialOffice,
    roles: ['liaison', 'mediator'],
  },
  courtLiaison: {
    id: '5aff0000-0000-4000-8000-000000000007',
    username: 'liaison.court',
    displayName: '联络员 人民法庭',
    agencyId: DEMO_AGENCY_IDS.court,
    roles: ['liaison', 'mediator'],
  },
  coordinator: {
    id: '5aff0000-0000-4000-8000-000000000008',
    username: 'coordinator',
    displayName: '综治中心 协调员',
    agencyId: DEMO_AGENCY_IDS.governanceCentre,
    roles: ['coordinator'],
  },
  administrator: {
    id: '5aff0000-0000-4000-8000-000000000009',
    username: 'admin',
    displayName: '系统管理员',
    agencyId: DEMO_AGENCY_IDS.governanceCentre,
    roles: ['administrator'],
  },
} as const satisfies Record<string, DemoStaff>;

/** Who created the seeded policy version, in its `createdBy` column. */
export const DEMO_SEED_ACTOR = 'seed:demo-town';

/**
 * Idempotent: upserts by fixed id, so running it again leaves the same rows. Existing passwords are kept (a second
 * run does not re-hash them), and the policy's version 1 is created only if the town has none.
 */
export async function seedDemoTown(prisma: PrismaClient, events: AgencyEvents = createAgencyEvents()): Promise<void> {
  await prisma.town.upsert({
    where: { code: DEMO_TOWN_CODE },
    create: { code: DEMO_TOWN_CODE, name: DEMO_TOWN_NAME },
    update: { name: DEMO_TOWN_NAME },
    select: { code: true },
  });
  for (const village of DEMO_VILLAGES) {
    // Created when missing, by (town, code): a village renamed through the API keeps its name on a re-run.
    await prisma.village.upsert({
      where: { townCode_code: { townCode: DEMO_TOWN_CODE, code: village.code } },
      create: { ...village, townCode: DEMO_TOWN_CODE },
      update: {},
      select: { id: true },
    });
  }
  for (const agency of DEMO_AGENCIES) {
    const fields = {
      kind: agency.kind,
      name: agency.name,
      townCode: DEMO_TOWN_CODE,
      areaCodes: agency.areaCodes,
      contactPhone: agency.contactPhone,
      receptionHours: agency.receptionHours as Prisma.InputJsonValue,
    };
    // A new agency is announced on agency.events like one registered through the API; a re-run announces nothing.
    await prisma.$transaction(async (tx) => {
      const existed = await tx.agency.findUnique({ where: { id: agency.id }, select: { id: true } });
      await tx.agency.upsert({
        where: { id: agency.id },
        create: { id: agency.id, ...fields },
        update: fields,
        select: { id: true },
      });
      if (existed) return;
      const now = new Date();
      await writeOutbox(tx, [
        events.registered({
          ...fields,
          id: agency.id,
          kind: agency.kind,
          receptionHours: [],
          version: 1,
          createdAt: now,
          updatedAt: now,
        }),
      ]);
    });
  }
  for (const staff of Object.values(DEMO_STAFF)) {
    const fields = {
      username: staff.username,
      displayName: staff.displayName,
      agencyId: staff.agencyId,
      roles: [...staff.roles],
      active: true,
    };
    const existing = await prisma.staff.findUnique({ where: { id: staff.id }, select: { id: true } });
    if (existing) {
      await prisma.staff.update({ where: { id: staff.id }, data: fields, select: { id: true } });
    } else {
      await prisma.staff.create({
        data: { id: staff.id, ...fields, passwordHash: await hashPassword(DEMO_PASSWORD) },
        select: { id: true },
      });
    }
  }
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.escalationPolicy.createMany({
      data: [
        {
          townCode: DEMO_TOWN_CODE,
          version: 1,
          document: DEFAULT_POLICY as unknown as Prisma.InputJsonValue,
          createdBy: DEMO_SEED_ACTOR,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 1) {
      const policy = { townCode: DEMO_TOWN_CODE, version: 1, document: DEFAULT_POLICY, createdBy: DEMO_SEED_ACTOR };
      await writeOutbox(tx, [events.policyChanged({ ...policy, createdAt: new Date() })]);
    }
  });
}
