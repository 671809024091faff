import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../store/database.js';
import { appendAudit } from '../store/audit-log.js';
import type { Role } from '../http/principal.js';
import { readClientKey } from './clients/keys.js';
import { hashPassword } from './passwords.js';
import { clientsStore } from './store/clients.js';
import { usersStore } from './store/users.js';

/**
 * The demo accounts' password: the operator's DEMO_PASSWORD, else a random one made for this
 * install (never a published one), which the caller prints once when the accounts are created.
 */
export function demoPassword(configured: string | undefined): { password: string; generated: boolean } {
  const given = configured?.trim();
  if (given) return { password: given, generated: false };
  return { password: `LC-${randomBytes(12).toString('base64url')}`, generated: true };
}
export const DEMO_CLIENT_ID = 'thong-ke-demo';

const DEMO_USERS: { username: string; displayName: string; orgUnitId: string; roles: Role[] }[] = [
  { username: 'admin', displayName: 'Quản trị hệ thống tỉnh', orgUnitId: 'lai-chau', roles: ['admin'] },
  { username: 'vanhanh', displayName: 'Cán bộ vận hành (Sở KH&CN)', orgUnitId: 'lai-chau', roles: ['ops'] },
  { username: 'lanhdao.tinh', displayName: 'Lãnh đạo Văn phòng UBND tỉnh', orgUnitId: 'lai-chau', roles: ['leader'] },
  { username: 'tonghop.tinh', displayName: 'Chuyên viên tổng hợp Văn phòng UBND tỉnh', orgUnitId: 'lai-chau', roles: ['data_entry'] },
  { username: 'vanthu.tinh', displayName: 'Văn thư Văn phòng UBND tỉnh', orgUnitId: 'lai-chau', roles: ['clerk'] },
  { username: 'lanhdao.tamduong', displayName: 'Chủ tịch UBND xã Tam Đường', orgUnitId: 'lc-x-tam-duong', roles: ['leader'] },
  { username: 'nhaplieu.tamduong', displayName: 'Cán bộ nhập liệu xã Tam Đường', orgUnitId: 'lc-x-tam-duong', roles: ['data_entry'] },
  { username: 'vanthu.tamduong', displayName: 'Văn thư UBND xã Tam Đường', orgUnitId: 'lc-x-tam-duong', roles: ['clerk'] },
  { username: 'lanhdao.binhlu', displayName: 'Chủ tịch UBND xã Bình Lư', orgUnitId: 'lc-x-binh-lu', roles: ['leader'] },
  { username: 'nhaplieu.binhlu', displayName: 'Cán bộ nhập liệu xã Bình Lư', orgUnitId: 'lc-x-binh-lu', roles: ['data_entry'] },
];

/**
 * Demo accounts of the Lai Châu sample province and one demo ministry client (key pair in
 * fixtures/identity/). Runs only when the users table is empty, so it never overwrites real accounts.
 */
export async function seedDemoIdentity(
  db: Database,
  fixturesDir: string,
  now: Date,
  password: string,
): Promise<{ users: number; clients: number }> {
  const existing = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  if ((existing.rows[0]?.n ?? 0) > 0) return { users: 0, clients: 0 };
  const hash = await hashPassword(password);
  let clients = 0;
  await db.transaction(async (tx) => {
    for (const u of DEMO_USERS) {
      const id = randomUUID();
      await usersStore.insert(tx, { id, ...u, email: null, status: 'active', passwordHash: hash, createdAt: now, updatedAt: now });
      await appendAudit(tx, {
        actor: 'seed-demo',
        action: 'user.created',
        subject: id,
        orgUnitId: u.orgUnitId,
        details: { username: u.username, roles: u.roles, demo: true },
      });
    }
    if (!(await clientsStore.get(tx, DEMO_CLIENT_ID))) {
      const key = readClientKey(readFileSync(join(fixturesDir, 'identity', 'demo-ministry-client.cert.pem'), 'utf8'));
      await clientsStore.insert(
        tx,
        {
          clientId: DEMO_CLIENT_ID,
          name: 'Thống kê (demo) — hệ thống ngành dọc',
          ministryCode: 'BKHDT',
          orgUnitId: 'lai-chau',
          indicatorCodes: [],
          indicatorPattern: '01[0-9]{2}',
          publicKeyPem: key.publicKeyPem,
          certSha256: key.certSha256,
          status: 'active',
          createdAt: now,
        },
        now,
      );
      await appendAudit(tx, {
        actor: 'seed-demo',
        action: 'client.registered',
        subject: DEMO_CLIENT_ID,
        orgUnitId: 'lai-chau',
        details: { demo: true },
      });
      clients = 1;
    }
  });
  return { users: DEMO_USERS.length, clients };
}
