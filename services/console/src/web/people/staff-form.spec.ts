import { changeValuesOf, createStaffBody, passwordBytes, staffFieldOf, staffPatch } from './staff-form';
import type { Staff } from './vocabulary';

const account: Staff = {
  id: 'b1e00000-0000-4000-8000-000000000001',
  username: 'wang.li',
  displayName: '王丽',
  agencyId: 'a9e00000-0000-4000-8000-000000000001',
  townCode: 'qingshui',
  roles: ['liaison', 'mediator'],
  active: true,
  version: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('the new staff account form', () => {
  it('sends trimmed names, each role once in the usual order, and the password exactly as typed', () => {
    expect(
      createStaffBody({
        username: ' wang.li ',
        displayName: ' 王丽 ',
        agencyId: 'a9e00000-0000-4000-8000-000000000001',
        roles: ['liaison', 'mediator', 'liaison'],
        password: ' secret-password ',
      }),
    ).toEqual({
      username: 'wang.li',
      displayName: '王丽',
      agencyId: 'a9e00000-0000-4000-8000-000000000001',
      roles: ['mediator', 'liaison'],
      password: ' secret-password ',
    });
  });

  it('shows a field error of the service beside its field, a role list error on the roles', () => {
    expect(staffFieldOf('username')).toBe('username');
    expect(staffFieldOf('roles')).toBe('roles');
    expect(staffFieldOf('roles.1')).toBe('roles');
    expect(staffFieldOf('password')).toBe('password');
    expect(staffFieldOf('(body)')).toBeUndefined();
  });

  it('counts a password as bcrypt does: a Chinese character is three of its 72 bytes', () => {
    expect(passwordBytes('abcdefghij')).toBe(10);
    expect(passwordBytes('调解员密码')).toBe(15);
  });
});

describe('the account change form', () => {
  it('starts from the account as read, its roles in the usual order', () => {
    expect(changeValuesOf(account)).toEqual({ displayName: '王丽', roles: ['mediator', 'liaison'] });
  });

  it('sends only what changed: nothing for the same name and roles in another order', () => {
    expect(staffPatch(account, { displayName: ' 王丽 ', roles: ['mediator', 'liaison'] })).toEqual({});
    expect(staffPatch(account, { displayName: '王丽娟', roles: ['liaison', 'mediator'] })).toEqual({
      displayName: '王丽娟',
    });
  });

  it('sends the whole set of roles when one is added or taken away', () => {
    expect(staffPatch(account, { displayName: '王丽', roles: ['liaison', 'grid-worker', 'mediator'] })).toEqual({
      roles: ['grid-worker', 'mediator', 'liaison'],
    });
    expect(staffPatch(account, { displayName: '王丽', roles: ['mediator'] })).toEqual({ roles: ['mediator'] });
  });
});
