import { randomUUID } from 'node:crypto';
import { AGENCY_KINDS, STAFF_ROLES } from '@gongzhi/contracts';
import { type ClosedVocabulary, describeClosedVocabularies } from '@gongzhi/testing';

/** Each column the database holds to a vocabulary of the contracts, with that vocabulary. */
const VOCABULARIES: ClosedVocabulary[] = [
  ['agencies', 'kind', AGENCY_KINDS],
  ['staff', 'roles', STAFF_ROLES],
];

describe('columns that hold a word of the contracts’ vocabularies (agency-service database)', () => {
  const pool = describeClosedVocabularies('agency', VOCABULARIES);

  it('refuses an agency kind or a staff role the code does not know', async () => {
    const agency = randomUUID();
    const insertAgency = (kind: string) =>
      pool().query(
        `INSERT INTO agencies (id, kind, name, town_code, reception_hours, updated_at)
         VALUES ($1, $2, '上坝村调委会', 'qingshui', '{}', now())`,
        [agency, kind],
      );
    await expect(insertAgency('village-head')).rejects.toMatchObject({
      code: '23514',
      constraint: 'agencies_kind_check',
    });
    await insertAgency('mediation-committee');
    const insertStaff = (roles: string[]) =>
      pool().query(
        `INSERT INTO staff (id, username, display_name, agency_id, roles, password_hash, updated_at)
         VALUES ($1, $2, '王调解', $3, $4, 'x', now())`,
        [randomUUID(), `u-${randomUUID()}`, agency, roles],
      );
    await expect(insertStaff(['mediator', 'workflow-engine'])).rejects.toMatchObject({
      code: '23514',
      constraint: 'staff_roles_check',
    });
    await expect(insertStaff(['mediator', 'liaison'])).resolves.toBeDefined();
  });
});
