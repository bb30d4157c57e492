import {
  assignableRoles,
  canChangeActive,
  canChangeStaff,
  canManageAgenciesOf,
  canManageStaff,
  isAdministrator,
  listsWholeTown,
  lockedRoles,
  townOfPage,
} from './permissions';
import type { StaffRole } from './vocabulary';

const as = (roles: string[], townCode = 'qingshui') => ({
  staff: { id: 's', username: 'u', displayName: 'n', agencyId: 'a', townCode, roles },
});
const account = (roles: StaffRole[], townCode = 'qingshui', id = 'other') => ({ id, townCode, roles });

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

  it('lets coordinators change their own town’s accounts but never an administrator’s; administrators any', () => {
    expect(canChangeStaff(as(['coordinator']), account(['mediator']))).toBe(true);
    expect(canChangeStaff(as(['coordinator']), account(['mediator'], 'hetian'))).toBe(false);
    expect(canChangeStaff(as(['coordinator']), account(['coordinator', 'administrator']))).toBe(false);
    expect(canChangeStaff(as(['administrator']), account(['administrator'], 'hetian'))).toBe(true);
    expect(canChangeStaff(as(['mediator']), account(['grid-worker']))).toBe(false);
  });

  it('offers nobody the deactivation of their own account', () => {
    expect(canChangeActive(as(['coordinator']), account(['mediator']))).toBe(true);
    expect(canChangeActive(as(['coordinator']), account(['coordinator'], 'qingshui', 's'))).toBe(false);
    expect(canChangeActive(as(['administrator']), account(['administrator'], 'qingshui', 's'))).toBe(false);
    expect(canChangeActive(as(['coordinator']), account(['administrator']))).toBe(false);
  });

  it('keeps on one’s own account the administrator role and the last role that manages staff', () => {
    expect(lockedRoles(as(['coordinator']), account(['coordinator', 'mediator'], 'qingshui', 's'))).toEqual([
      'coordinator',
    ]);
    expect(lockedRoles(as(['administrator']), account(['coordinator', 'administrator'], 'qingshui', 's'))).toEqual([
      'administrator',
    ]);
    expect(lockedRoles(as(['coordinator']), account(['coordinator', 'mediator']))).toEqual([]);
  });
});
