import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import type { ApprovedReport } from '../../core/approved-report.js';
import { readExchangeConfig } from '../../exchange/config.js';
import { loadMappings } from '../../exchange/mapping/loader.js';
import { PacketBuilder } from '../../exchange/packets/builder.js';
import { verifyPacket, type PacketVerification } from '../../exchange/packets/verify-packet.js';
import { TrustStore } from '../../exchange/pki/trust.js';
import { ValidationError } from '../../shared/errors.js';

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ValidationError('FILE_UNREADABLE', `Cannot read ${file}: ${(err as Error).message}`, { file });
  }
}

/** A packet file: {body, signature, ...} as built (OutboundPacket), or the raw body with --signature. */
function readPacketFile(file: string, signatureFile?: string): { body: string; signature: string } {
  const text = readText(file);
  if (signatureFile) return { body: text, signature: readText(signatureFile).trim() };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ValidationError('PACKET_FILE_INVALID', `${file}: not JSON (${(err as Error).message})`, { file });
  }
  const p = parsed as { body?: unknown; signature?: unknown };
  if (typeof p.body !== 'string' || typeof p.signature !== 'string') {
    throw new ValidationError(
      'PACKET_FILE_INVALID',
      `${file}: expected {"body": "<canonical JSON>", "signature": "<JWS>"}, or pass the raw body with --signature FILE`,
      { file },
    );
  }
  return { body: p.body, signature: p.signature };
}

function print(v: PacketVerification): void {
  if (v.packetType) console.log(`gói tin ${v.packetType} ${v.packetId ?? ''}${v.signer ? `, ký bởi ${v.signer}` : ''}`);
  for (const c of v.checks) console.log(`  ${c.ok ? 'ok    ' : 'failed'}  ${c.check.padEnd(10)} ${c.message}`);
  console.log(v.ok ? 'Gói tin hợp lệ' : 'Gói tin KHÔNG hợp lệ');
}

export interface VerifyOptions {
  signature?: string;
  trust?: string[];
  at?: string;
}

/** What `packet verify` checks, callable in-process (tests, console). */
export async function runPacketVerify(file: string, opts: VerifyOptions): Promise<PacketVerification> {
  const { body, signature } = readPacketFile(file, opts.signature);
  const trust = opts.trust ? TrustStore.fromFiles(opts.trust) : readExchangeConfig(loadConfig().env).trust;
  const at = opts.at ? new Date(opts.at) : new Date();
  if (Number.isNaN(at.getTime())) throw new ValidationError('ARGUMENT_INVALID', `--at must be an ISO date-time, got "${opts.at}"`);
  return verifyPacket(body, signature, trust, at);
}

/** `lienthong packet verify FILE [--trust PEM]` and `lienthong packet build --report FILE`. */
export function registerPacket(program: Command): void {
  const packet = program.command('packet').description('Gói tin liên thông quốc gia (national packets)');
  packet
    .command('verify')
    .description('Kiểm tra gói tin: lược đồ, chữ ký, chuỗi chứng thư tới trust anchor, thời hạn, mục đích sử dụng khóa (exit 1 nếu có lỗi)')
    .argument('<file>', 'packet JSON {body, signature} or the raw body (with --signature)')
    .option('--signature <file>', 'detached JWS file when FILE is the raw body')
    .option('--trust <pem...>', 'trust anchor PEM file(s); default TRUST_ANCHORS or the test CA')
    .option('--at <iso>', 'check validity at this time instead of now')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: VerifyOptions & { json?: boolean }) => {
      const result = await runPacketVerify(file, opts);
      if (opts.json) console.log(JSON.stringify(result, null, 2));
      else print(result);
      if (!result.ok) process.exitCode = 1;
    });
  packet
    .command('build')
    .description('Lập và ký gói tin từ một báo cáo đã phê duyệt (ApprovedReport JSON), dùng SIGNING_* và MAPPINGS_DIR')
    .requiredOption('--report <file>', 'approved report JSON')
    .option('--out <file>', 'write the packets here instead of stdout')
    .action(async (opts: { report: string; out?: string }) => {
      const report = JSON.parse(readText(opts.report)) as ApprovedReport;
      const config = readExchangeConfig(loadConfig().env);
      const builder = new PacketBuilder({ mappings: loadMappings(config.mappingsDir).national, credentials: config.packetCredentials });
      const text = `${JSON.stringify(await builder.build(report), null, 2)}\n`;
      if (opts.out) writeFileSync(opts.out, text);
      else process.stdout.write(text);
    });
}
