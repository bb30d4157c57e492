import { AUDIT_ACTIONS, AUDIT_OBJECT_TYPES } from './audit-actions';

describe('the audit action names', () => {
  it('are dotted words, each named once in all the trails', () => {
    const all = Object.values(AUDIT_ACTIONS).flat();
    for (const action of all) expect(action).toMatch(/^[a-z][a-zA-Z-]*(\.[a-z][a-zA-Z-]*)+$/);
    expect(new Set(all).size).toBe(all.length);
    expect(new Set(AUDIT_OBJECT_TYPES).size).toBe(AUDIT_OBJECT_TYPES.length);
  });

  it('name each kind of disclosure a generated document makes, and each repair', () => {
    expect(AUDIT_ACTIONS.case).toEqual(
      expect.arrayContaining([
        'case.document.generate.id-number-revealed',
        'case.document.generate.phone-masked',
        'case.admin.repair.reopen-task',
        'admin.repair-batch.resend-urging',
        'task.unclaim.assignee-deactivated',
      ]),
    );
    expect(AUDIT_ACTIONS.party).toEqual(
      expect.arrayContaining(['party.revealed.idNumber', 'party.risk-flag-set.violence-risk']),
    );
  });
});
