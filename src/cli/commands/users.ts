import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import type { Role } from '../../http/principal.js';
import { identityRunner, splitList, type IdentityRunner } from '../support/identity-runner.js';
import type { DisabledReason, NewUser, UserStatus } from '../../identity/types.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';

/** `lienthong users list|create|disable`: account lifecycle from the shell (audited as cli:<os user>). */
export function registerUsers(program: Command, run: IdentityRunner = identityRunner()): void {
  const users = program.command('users').description('Quản lý tài khoản người dùng (list, create, unlock, disable)');

  users
    .command('list')
    .description('Liệt kê tài khoản')
    .option('--status <status>', 'active | pending | disabled')
    .option('--json', 'print JSON')
    .action(async (opts: { status?: string; json?: boolean }) => {
      await run(async (identity, operator) => {
        const list = await identity.users.list(operator, { status: opts.status as UserStatus | undefined });
        if (opts.json) console.log(JSON.stringify(list, null, 2));
        else
          console.table(
            list.map((u) => ({
              username: u.username,
              displayName: u.displayName,
              orgUnitId: u.orgUnitId,
              roles: u.roles.join(','),
              status: u.status,
            })),
          );
      });
    });

  users
    .command('create')
    .description('Tạo tài khoản nội bộ; mật khẩu lấy từ biến LIENTHONG_PASSWORD')
    .requiredOption('--username <username>')
    .requiredOption('--name <displayName>')
    .requiredOption('--org <orgUnitId>')
    .requiredOption('--roles <roles>', 'comma-separated: admin,leader,data_entry,clerk,ops')
    .option('--email <email>')
    .action(async (opts: { username: string; name: string; org: string; roles: string; email?: string }) => {
      // The password comes from the environment, never argv: argv is visible in `ps` and shell history.
      const password = loadConfig().settings.LIENTHONG_PASSWORD;
      const { assertContract } = await import('../../shared/contracts.js');
      const input = assertContract<NewUser>(
        'https://lienthong.gov.vn/contracts/api/identity/create-user.schema.json',
        {
          username: opts.username,
          displayName: opts.name,
          orgUnitId: opts.org,
          roles: splitList(opts.roles) as Role[],
          ...(opts.email ? { email: opts.email } : {}),
          ...(password ? { password } : {}),
        },
        'REQUEST_INVALID',
      );
      await run(async (identity, operator) => {
        const user = await identity.users.create(operator, input);
        console.log(`Đã tạo tài khoản ${user.username} (${user.id})${password ? '' : ' — chưa có mật khẩu, chỉ đăng nhập qua VNConnect'}`);
      });
    });

  users
    .command('unlock')
    .description('Mở khóa tài khoản bị khóa do đăng nhập sai (mọi nguồn), có ghi nhật ký')
    .argument('<username>')
    .action(async (username: string) => {
      await run(async (identity, operator) => {
        const user = (await identity.users.list(operator)).find((u) => u.username.toLowerCase() === username.toLowerCase());
        if (!user) throw new NotFoundError('USER_NOT_FOUND', `No user ${username}`);
        const { unlocked } = await identity.users.unlock(operator, user.id);
        console.log(`Đã mở khóa ${username} (${unlocked} khóa đang hiệu lực được gỡ)`);
      });
    });

  users
    .command('disable')
    .description('Vô hiệu hóa tài khoản (chuyển công tác, nghỉ hưu)')
    .argument('<username>')
    .requiredOption('--reason <reason>', 'transfer | retirement | other')
    .option('--note <note>')
    .action(async (username: string, opts: { reason: string; note?: string }) => {
      if (!['transfer', 'retirement', 'other'].includes(opts.reason))
        throw new ValidationError('REQUEST_INVALID', '--reason must be transfer, retirement or other');
      await run(async (identity, operator) => {
        const user = (await identity.users.list(operator)).find((u) => u.username.toLowerCase() === username.toLowerCase());
        if (!user) throw new NotFoundError('USER_NOT_FOUND', `No user ${username}`);
        await identity.users.disable(operator, user.id, opts.reason as DisabledReason, opts.note);
        console.log(`Đã vô hiệu hóa ${username} (${opts.reason})`);
      });
    });
}
