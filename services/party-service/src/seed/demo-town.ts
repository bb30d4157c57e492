/**
 * Demo parties of town `qingshui` for `npm start`: five persons and one organisation in the villages shangba, xiaba
 * and dongkou, with one active risk flag. Synthetic people: names are common, ID numbers are made up with valid check
 * digits (region 522701, a code chosen for the demo), phones are in the 1380000xxxx block. Idempotent: fixed ids, so
 * a second run finds each party in place and changes nothing.
 */
import type { RiskCategory } from '@gongzhi/contracts';
import type { PartyCrypto } from '../crypto/party-crypto';
import type { PrismaClient } from '../generated/prisma/client';
import type { InsertOutcome } from '../parties/parties.model';
import { createPartiesRepository } from '../parties/parties.repository';
import { createRiskFlagsRepository } from '../risk-flags/risk-flags.repository';
import { syntheticCreditCode, syntheticIdNumber } from './synthetic-ids';

export const DEMO_TOWN_CODE = 'qingshui';

/** The demo agencies' ids, as agency-service's demo seed creates them (services never import each other). */
export const DEMO_AGENCY_IDS = {
  shangbaCommittee: 'a9e00000-0000-4000-8000-000000000001',
  xiabaCommittee: 'a9e00000-0000-4000-8000-000000000002',
  dongkouCommittee: 'a9e00000-0000-4000-8000-000000000003',
  policeStation: 'a9e00000-0000-4000-8000-000000000004',
  governanceCentre: 'a9e00000-0000-4000-8000-000000000007',
} as const;

const SEED_ACTOR = 'seed:demo-town';

interface DemoPerson {
  id: string;
  name: string;
  gender: 'male' | 'female';
  idNumber: string;
  phone: string;
  village: 'shangba' | 'xiaba' | 'dongkou';
  grid: string;
  detail: string;
  registeredBy: string;
  involved: string[];
  flag?: { id: string; category: RiskCategory; reason: string };
}

export const DEMO_PERSONS: DemoPerson[] = [
  {
    id: 'da7a0000-0000-4000-8000-000000000001',
    name: '张建国',
    gender: 'male',
    idNumber: syntheticIdNumber('522701', '19650312', 11),
    phone: '13800000001',
    village: 'shangba',
    grid: 'shangba-01',
    detail: '上坝村1组',
    registeredBy: DEMO_AGENCY_IDS.shangbaCommittee,
    involved: [DEMO_AGENCY_IDS.shangbaCommittee],
  },
  {
    id: 'da7a0000-0000-4000-8000-000000000002',
    name: '李秀英',
    gender: 'female',
    idNumber: syntheticIdNumber('522701', '19700824', 22),
    phone: '13800000002',
    village: 'shangba',
    grid: 'shangba-02',
    detail: '上坝村2组',
    registeredBy: DEMO_AGENCY_IDS.shangbaCommittee,
    involved: [DEMO_AGENCY_IDS.shangbaCommittee],
  },
  {
    id: 'da7a0000-0000-4000-8000-000000000003',
    name: '王德福',
    gender: 'male',
    idNumber: syntheticIdNumber('522701', '19781130', 33),
    phone: '13800000003',
    village: 'xiaba',
    grid: 'xiaba-01',
    detail: '下坝村3组',
    registeredBy: DEMO_AGENCY_IDS.xiabaCommittee,
    involved: [DEMO_AGENCY_IDS.xiabaCommittee],
  },
  {
    id: 'da7a0000-0000-4000-8000-000000000004',
    name: '赵春梅',
    gender: 'female',
    idNumber: syntheticIdNumber('522701', '19881002', 44),
    phone: '13800000004',
    village: 'dongkou',
    grid: 'dongkou-01',
    detail: '洞口村1组',
    registeredBy: DEMO_AGENCY_IDS.dongkouCommittee,
    involved: [DEMO_AGENCY_IDS.dongkouCommittee],
  },
  {
    id: 'da7a0000-0000-4000-8000-000000000005',
    name: '陈小兵',
    gender: 'male',
    idNumber: syntheticIdNumber('522701', '19920517', 55),
    phone: '13800000005',
    village: 'dongkou',
    grid: 'dongkou-02',
    detail: '洞口村2组',
    registeredBy: DEMO_AGENCY_IDS.dongkouCommittee,
    involved: [DEMO_AGENCY_IDS.dongkouCommittee, DEMO_AGENCY_IDS.policeStation],
    flag: {
      id: 'da7af1a9-0000-4000-8000-000000000001',
      category: 'violence-risk',
      reason: '与邻居因排水问题争执，扬言动手（演示数据）',
    },
  },
];

export const DEMO_ORGANISATION = {
  id: 'da7a0000-0000-4000-8000-0000000000a1',
  name: '清水镇示例建筑劳务有限公司',
  creditCode: syntheticCreditCode('522701', 'MA6DEM001'),
  contactName: '周经理',
  contactPhone: '0854-80000001',
} as const;

/** Seeds the demo parties; returns their ids. Running it again changes nothing. */
export async function seedDemoParties(prisma: PrismaClient, crypto: PartyCrypto): Promise<string[]> {
  const parties = createPartiesRepository(prisma);
  const flags = createRiskFlagsRepository(prisma);
  // A clash is the record of an earlier run (same id), or someone registered the demo identity first: say which.
  const mustBeOurs = async (outcome: InsertOutcome, id: string) => {
    if (outcome.kind === 'clash' && !(await parties.findById(id))) {
      throw new Error(`a party of ${DEMO_TOWN_CODE} already has the ID number or credit code of demo party ${id}`);
    }
  };
  const ids: string[] = [];
  for (const person of DEMO_PERSONS) {
    const outcome = await parties.insert({
      id: person.id,
      kind: 'person',
      name: person.name,
      gender: person.gender,
      idNumber: crypto.seal('idNumber', person.id, person.idNumber),
      idNumberBlindIndex: crypto.blindIndex(person.idNumber),
      creditCode: null,
      phone: crypto.seal('phone', person.id, person.phone),
      contactName: null,
      address: { townCode: DEMO_TOWN_CODE, villageCode: person.village, gridCode: person.grid, detail: person.detail },
      townCode: DEMO_TOWN_CODE,
      registeringAgencyId: person.registeredBy,
      involvedAgencyIds: person.involved,
      createdBy: SEED_ACTOR,
      possibleDuplicateOf: null,
    });
    await mustBeOurs(outcome, person.id);
    ids.push(person.id);
    if (person.flag && outcome.kind === 'created') {
      await flags.set({
        id: person.flag.id,
        partyId: person.id,
        category: person.flag.category,
        reason: person.flag.reason,
        setBy: SEED_ACTOR,
        setByAgencyId: DEMO_AGENCY_IDS.policeStation,
      });
    }
  }
  const org = await parties.insert({
    id: DEMO_ORGANISATION.id,
    kind: 'organisation',
    name: DEMO_ORGANISATION.name,
    gender: null,
    idNumber: null,
    idNumberBlindIndex: null,
    creditCode: DEMO_ORGANISATION.creditCode,
    phone: crypto.seal('phone', DEMO_ORGANISATION.id, DEMO_ORGANISATION.contactPhone),
    contactName: DEMO_ORGANISATION.contactName,
    address: { townCode: DEMO_TOWN_CODE, villageCode: 'xiaba', gridCode: null, detail: '下坝村工业点' },
    townCode: DEMO_TOWN_CODE,
    registeringAgencyId: DEMO_AGENCY_IDS.governanceCentre,
    involvedAgencyIds: [DEMO_AGENCY_IDS.governanceCentre, DEMO_AGENCY_IDS.xiabaCommittee],
    createdBy: SEED_ACTOR,
    possibleDuplicateOf: null,
  });
  await mustBeOurs(org, DEMO_ORGANISATION.id);
  ids.push(DEMO_ORGANISATION.id);
  return ids;
}
