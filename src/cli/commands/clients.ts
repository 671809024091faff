import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { identityRunner, splitList, type IdentityRunner } from '../support/identity-runner.js';
import type { NewMinistryClient } from '../../identity/types.js';

/** `lienthong clients list|add`: ministry systems that call the API (private_key_jwt / mutual TLS). */
export function registerClients(program: Command, run: IdentityRunner = identityRunner()): void {
  const clients = program.command('clients').description('Quản lý hệ thống bộ, ngành kết nối (ministry clients)');

  clients
    .command('list')
    .description('Liệt kê client')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await run(async (identity, operator) => {
        const list = await identity.clients.list(operator);
        if (opts.json)
          console.log(
            JSON.stringify(
              list.map(({ publicKeyPem: _k, ...c }) => c),
              null,
              2,
            ),
          );
        else
          console.table(
            list.map((c) => ({
              clientId: c.clientId,
              ministryCode: c.ministryCode,
              orgUnitId: c.orgUnitId,
              indicators: c.indicatorCodes.join(',') || c.indicatorPattern,
              mtls: c.certSha256 !== null,
              status: c.status,
            })),
          );
      });
    });

  clients
    .command('add')
    .description('Đăng ký client bằng chứng thư số (PEM)')
    .requiredOption('--id <clientId>')
    .requiredOption('--name <name>')
    .requiredOption('--ministry <code>')
    .requiredOption('--org <orgUnitId>')
    .requiredOption('--cert <file>', 'PEM certificate (or public key)')
    .option('--indicators <codes>', 'comma-separated indicator codes')
    .option('--pattern <regex>', 'indicator code pattern')
    .action(
      async (opts: { id: string; name: string; ministry: string; org: string; cert: string; indicators?: string; pattern?: string }) => {
        const certificatePem = readFileSync(opts.cert, 'utf8');
        const { assertContract } = await import('../../shared/contracts.js');
        const input = assertContract<NewMinistryClient>(
          'https://lienthong.gov.vn/contracts/api/identity/create-client.schema.json',
          {
            clientId: opts.id,
            name: opts.name,
            ministryCode: opts.ministry,
            orgUnitId: opts.org,
            certificatePem,
            indicatorCodes: splitList(opts.indicators),
            ...(opts.pattern ? { indicatorPattern: opts.pattern } : {}),
          },
          'REQUEST_INVALID',
        );
        await run(async (identity, operator) => {
          const c = await identity.clients.register(operator, input);
          console.log(`Đã đăng ký client ${c.clientId}${c.certSha256 ? ` (mTLS SHA-256 ${c.certSha256})` : ''}`);
        });
      },
    );
}
