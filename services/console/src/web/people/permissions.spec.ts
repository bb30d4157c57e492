import {
  assignableRoles,
  canManageAgenciesOf,
  canManageStaff,
  isAdministrator,
  listsWholeTown,
  townOfPage,
} from './permissions';

const as = (roles: string[], townCode = 'qingshui') => ({
  staff: { id: 's', username: 'u', displayName: 'n', agencyId: 'a', townCode, roles },
});

describe('what the people pages offer whom (as agency-service decides it)', () => {
  it('lets coordinators and administrators manage staff, and nobody else', () => {
    expect(canManageStaff(as(['coordinator']))).toBe(true);
    expect(canManageStaff(as(['administrator']))).toBe(true);
    expect(canManageStaff(as(['mediator', 'liaison']))).toBe(false);
    expect(canManageStaff(as(['grid-worker']))).toBe(false);
    expect(canManageStaff(null)).toBe(false);
  });

  it('never offers a coordinator the administrator role, which the service refuses them', () => {
    expect(assignableRoles(as(['coordinator']))).toEqual(['grid-worker', 'mediator', 'liaison', 'coordinator']);
    expect(assignableRoles(as(['administrator']))).toContain('administrator');
    expect(assignableRoles(as(['mediator']))).toEqual([]);
  });

  it('lets coordinators create and change agencies of their own town only, administrators of any', () => {
    expect(canManageAgenciesOf(as(['coordinator']), 'qingshui')).toBe(true);
    expect(canManageAgenciesOf(as(['coordinator']), 'hetian')).toBe(false);
    expect(canManageAgenciesOf(as(['administrator']), 'hetian')).toBe(true);
    expect(canManageAgenciesOf(as(['mediator', 'liaison']), 'qingshui')).toBe(false);
  });

  it('lists the whole town to managers; everyone else sees their own agency', () => {
    expect(listsWholeTown(as(['coordinator']))).toBe(true);
    expect(listsWholeTown(as(['liaison']))).toBe(false);
  });

  it('lets only administrators choose another town; a malformed choice falls back to their own', () => {
    expect(isAdministrator(as(['administrator']))).toBe(true);
    expect(townOfPage(as(['administrator']), 'hetian')).toBe('hetian');
    expect(townOfPage(as(['administrator']), 'Not A Town')).toBe('qingshui');
    expect(townOfPage(as(['administrator']), null)).toBe('qingshui');
    expect(townOfPage(as(['coordinator']), 'hetian')).toBe('qingshui');
  });
});
