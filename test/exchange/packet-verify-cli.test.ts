import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPacketVerify } from '../../src/cli/commands/packet.js';
import type { PacketVerification } from '../../src/exchange/packets/verify-packet.js';

const failed = (r: PacketVerification) => r.checks.filter((c) => !c.ok).map((c) => c.check);

function tamperedFile(): string {
  const packet = JSON.parse(readFileSync('fixtures/packets/report-data.signed.json', 'utf8')) as { body: string };
  const i = packet.body.indexOf('412.5');
  packet.body = `${packet.body.slice(0, i)}413.5${packet.body.slice(i + 5)}`;
  const file = join(mkdtempSync(join(tmpdir(), 'pkt-')), 'tampered.json');
  writeFileSync(file, JSON.stringify(packet));
  return file;
}

describe('lienthong packet verify', () => {
  it('passes the signed fixture with every check listed', async () => {
    const ok = await runPacketVerify('fixtures/packets/report-data.signed.json', {});
    expect(ok.ok).toBe(true);
    expect(ok.checks.map((c) => c.check)).toEqual(['schema', 'canonical', 'signature', 'chain', 'validity', 'keyUsage', 'revocation']);
  });

  it('says which check fails: tampered byte → signature, untrusted CA → chain, expired → validity', async () => {
    expect(failed(await runPacketVerify(tamperedFile(), {}))).toEqual(['signature']);
    expect(failed(await runPacketVerify('fixtures/packets/report-data.untrusted.json', {}))).toEqual(['chain']);
    expect(failed(await runPacketVerify('fixtures/packets/report-data.expired.json', {}))).toEqual(['validity']);
    // The expired certificate was valid in 2020: --at moves the validity check.
    expect(failed(await runPacketVerify('fixtures/packets/report-data.expired.json', { at: '2020-06-01T00:00:00Z' }))).toEqual([]);
    expect(
      failed(await runPacketVerify('fixtures/packets/report-data.untrusted.json', { trust: ['fixtures/pki/untrusted-ca.crt.pem'] })),
    ).toEqual([]);
  });

  it('refuses a file that is not a packet with a stable code', async () => {
    await expect(runPacketVerify('fixtures/packets/approved-report.sample.json', {})).rejects.toMatchObject({
      code: 'PACKET_FILE_INVALID',
    });
  });

  it('exits 1 from the CLI on a tampered packet and prints the failed check', () => {
    let code = 0;
    let out: string;
    try {
      out = execFileSync('node', ['bin/lienthong.js', 'packet', 'verify', tamperedFile()], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch (err) {
      const e = err as { status: number; stdout: string };
      code = e.status;
      out = e.stdout;
    }
    expect(code).toBe(1);
    expect(out).toMatch(/failed\s+signature/);
  });
});
