import { createStaffBody, passwordBytes, staffFieldOf } from './staff-form';

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
