import type { Principal, Role } from '../http/principal.js';

/** The unit's own staff, as the workflow requires them: data entry, leader, clerk. */
export function demoActor(orgUnitId: string, role: Role): Principal {
  const names: Partial<Record<Role, string>> = {
    data_entry: 'Cán bộ nhập liệu (demo)',
    leader: 'Lãnh đạo đơn vị (demo)',
    clerk: 'Văn thư (demo)',
  };
  return { kind: 'user', id: `demo:${role}@${orgUnitId}`, displayName: names[role] ?? role, roles: [role], orgUnitId };
}
