import { roleAllows, rolesAdmitted } from './role';

describe('roles', () => {
  it('nest: viewer < operator < admin', () => {
    expect(rolesAdmitted(['viewer'])).toEqual(['viewer', 'operator', 'admin']);
    expect(rolesAdmitted(['operator'])).toEqual(['operator', 'admin']);
    expect(rolesAdmitted(['admin'])).toEqual(['admin']);
    expect(roleAllows('operator', ['admin'])).toBe(false);
    expect(roleAllows('admin', ['viewer'])).toBe(true);
    expect(rolesAdmitted([])).toEqual([]);
  });
});
