/**
 * e-document channel cost: edXML build + XML-DSig signing, verification against the trust anchor,
 * and sequential deliveries to the in-process e-document simulator (sign, HMAC, HTTP, verify, store).
 * Run: npx tsx bench/edoc-channel.ts [N] [bodyKiB]
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createEdocChannel } from '../src/channels/edoc/channel.js';
import { buildEdxml, documentForPacket } from '../src/channels/edoc/edxml-builder.js';
import { parseEdxml } from '../src/channels/edoc/edxml-parser.js';
import { createEdxmlSigner, createEdxmlVerifier } from '../src/channels/edoc/xml-signature.js';
import type { OutboundPacket } from '../src/delivery/channel.js';
import { startEdocSimulator } from '../src/sim/edoc/edoc-simulator.js';
import { logger } from '../src/shared/logger.js';

// One info line per delivery would drown the figures.
logger.level = process.env.LOG_LEVEL ?? 'warn';

const n = Number(process.argv[2] ?? 200);
const kib = Number(process.argv[3] ?? 20);
const pki = new URL('../fixtures/pki/', import.meta.url);
const pem = (f: string) => readFileSync(new URL(f, pki), 'utf8');
const signer = createEdxmlSigner({ privateKeyPem: pem('org.key.pem'), certificatePem: pem('org.crt.pem') });
const verifier = createEdxmlVerifier({ trustedCertificatesPem: [pem('ca.crt.pem')] });
const values = Object.fromEntries(Array.from({ length: Math.max(1, Math.floor((kib * 1024) / 24)) }, (_, i) => [`CT_${i}`, i * 1.5]));
const packet = (i: number): OutboundPacket => ({
  packetId: `pkt-${i}`,
  idempotencyKey: `bench-${i}`,
  packetType: 'report-data',
  submissionId: `s-${i}`,
  body: JSON.stringify({ packetType: 'report-data', values }),
  signature: 'eyJhbGciOiJSUzI1NiJ9..c2ln',
  title: `Báo cáo thử ${i}`,
  deadline: '2027-02-05',
});
const from = { organId: '000.00.00.H29' };
const to = { organId: '000.00.01.H29' };

function time(label: string, count: number, fn: (i: number) => unknown): void {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) fn(i);
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(34)} ${(ms / count).toFixed(2).padStart(8)} ms/doc  ${((count * 1000) / ms).toFixed(0).padStart(6)} docs/s`);
}

const signed = Array.from({ length: n }, (_, i) =>
  signer.sign(buildEdxml(documentForPacket(packet(i), { from, to, place: 'Lai Châu', notation: 'BC-LTBC', now: new Date() }))),
);
console.log(
  `N=${n}, packet body ${(packet(0).body.length / 1024).toFixed(1)} KiB, signed edXML ${(signed[0]!.length / 1024).toFixed(1)} KiB`,
);
time('build + sign', n, (i) =>
  signer.sign(buildEdxml(documentForPacket(packet(i), { from, to, place: 'Lai Châu', notation: 'BC-LTBC', now: new Date() }))),
);
time('verify (chain + XML-DSig)', n, (i) => verifier.verify(signed[i]!));
let t0 = performance.now();
for (const xml of signed) await parseEdxml(xml);
console.log(`${'parse (xml2js)'.padEnd(34)} ${((performance.now() - t0) / n).toFixed(2).padStart(8)} ms/doc`);

const sim = await startEdocSimulator({ port: 0, host: '127.0.0.1', env: {} });
const channel = createEdocChannel({
  baseUrl: sim.url,
  systemId: 'lienthong',
  secret: 'lienthong-edoc-demo-secret',
  fromOrganId: from.organId,
  toOrganId: to.organId,
  signer,
});
t0 = performance.now();
for (let i = 0; i < n; i++) await channel.deliver(packet(i));
const ms = performance.now() - t0;
console.log(
  `${'deliver to simulator (sequential)'.padEnd(34)} ${(ms / n).toFixed(2).padStart(8)} ms/doc  ${((n * 1000) / ms).toFixed(0).padStart(6)} docs/s`,
);
await sim.close();
