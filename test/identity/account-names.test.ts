import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountNames } from '../../src/identity/account-names.js';
import { clientsStore } from '../../src/identity/store/clients.js';
import { usersStore } from '../../src/identity/store/users.js';
import { testDatabases, type TestDatabase } from '../support/databases.js';

const AT = new Date('2027-02-05T08:30:00Z');

describe.each(testDatabases)("account names (a report's history names who acted) on $name", ({ open }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await open();
    const user = {
      username: 'an.nv',
      email: null,
      orgUnitId: 'lai-chau',
      roles: ['data_entry' as const],
      status: 'active' as const,
      passwordHash: null,
      createdAt: AT,
      updatedAt: AT,
    };
    await usersStore.insert(t.db, { ...user, id: 'u-1', displayName: 'Nguyễn Văn An' });
    await usersStore.insert(t.db, { ...user, id: 'u-2', username: 'binh.lt', displayName: 'Lê Thanh Bình', status: 'disabled' });
    await clientsStore.insert(
      t.db,
      {
        clientId: 'btc-system',
        name: 'Hệ thống Bộ Tài chính',
        ministryCode: 'BTC',
        orgUnitId: 'lai-chau',
        indicatorCodes: [],
        indicatorPattern: null,
        publicKeyPem: '-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n',
        certSha256: null,
        status: 'active',
        createdAt: AT,
      },
      AT,
    );
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('names people and ministry systems by id in one call, a disabled account still by its name; system and unknown ids are absent', async () => {
    const names = await accountNames(t.db)(['u-1', 'btc-system', 'u-2', 'system:auto-dispatch', 'database:postgres', 'u-1', 'gone']);
    expect(Object.fromEntries(names)).toEqual({ 'u-1': 'Nguyễn Văn An', 'u-2': 'Lê Thanh Bình', 'btc-system': 'Hệ thống Bộ Tài chính' });
    expect((await accountNames(t.db)([])).size).toBe(0);
  });
});
