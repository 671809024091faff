import { execFile } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { flattenedVerify } from 'jose';

const run = promisify(execFile);

/**
 * The receiver's own check of the leaders' JAdES approvals in a v2 packet (independent of the
 * gateway: jose for the JWS, node:crypto X509Certificate for the chain, OpenSSL's `openssl ts
 * -verify` for the RFC 3161 time stamp). Each approval: RS256 signature by the x5c leaf,
 * x5t#S256 = SHA-256 of the leaf, sigT present and critical, time stamp over the signature value
 * by a TSA under the anchors, chain to an anchor, validity at the time stamp, and the signed
 * report is the one the packet carries (role approval) or the named source report.
 */
interface Approval {
  role: string;
  submissionId: string;
  version: number;
  jades: { payload: string; protected: string; signature: string; header?: { etsiU?: string[] } };
}

export interface ApprovalCheck {
  check: 'approvals';
  ok: boolean;
  message: string;
  signers: { role: string; submissionId: string; signer: string; signingTime?: string; ok: boolean; problem?: string }[];
}

async function timestampTime(token: Buffer, signature: string, anchorsPem: string): Promise<Date> {
  const dir = await mkdtemp(join(tmpdir(), 'sim-national-tst-'));
  try {
    await writeFile(join(dir, 't.der'), token);
    await writeFile(join(dir, 'ca.pem'), anchorsPem);
    const digest = createHash('sha256').update(signature, 'ascii').digest('hex');
    await run('openssl', ['ts', '-verify', '-digest', digest, '-token_in', '-in', join(dir, 't.der'), '-CAfile', join(dir, 'ca.pem')]);
    const { stdout } = await run('openssl', ['ts', '-reply', '-token_in', '-in', join(dir, 't.der'), '-token_out', '-text']);
    const m = /Time stamp: (.+)/.exec(stdout);
    if (!m) throw new Error('no genTime in the token');
    return new Date(m[1]!.trim());
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function one(
  a: Approval,
  packet: Record<string, unknown>,
  anchors: X509Certificate[],
  anchorsPem: string,
): Promise<ApprovalCheck['signers'][number]> {
  const header = JSON.parse(Buffer.from(a.jades.protected, 'base64url').toString('utf8')) as {
    alg?: string;
    x5c?: string[];
    'x5t#S256'?: string;
    sigT?: string;
    crit?: string[];
  };
  const chain = (header.x5c ?? []).map((c) => new X509Certificate(Buffer.from(c, 'base64')));
  const leaf = chain[0];
  const base = { role: a.role, submissionId: a.submissionId, signer: leaf?.subject.replace(/\n/g, ', ') ?? '', signingTime: header.sigT };
  const fail = (problem: string) => ({ ...base, ok: false, problem });
  if (header.alg !== 'RS256' || !leaf) return fail('RS256 with x5c required');
  const out = await flattenedVerify(a.jades, leaf.publicKey, { algorithms: ['RS256'], crit: { sigT: true } }).catch(() => undefined);
  if (!out) return fail('JWS signature invalid');
  if (header['x5t#S256'] !== createHash('sha256').update(leaf.raw).digest('base64url'))
    return fail('x5t#S256 does not match the signing certificate');
  if (!header.sigT || !(header.crit ?? []).includes('sigT')) return fail('sigT missing or not critical');
  const tst = (a.jades.header?.etsiU ?? [])
    .map((e) => {
      try {
        return JSON.parse(Buffer.from(e, 'base64url').toString('utf8')) as { sigTst?: { tstTokens?: { val: string }[] } };
      } catch {
        return {};
      }
    })
    .find((e) => e.sigTst)?.sigTst?.tstTokens?.[0]?.val;
  if (!tst) return fail('no signature time stamp (B-T required)');
  let at: Date;
  try {
    at = await timestampTime(Buffer.from(tst, 'base64'), a.jades.signature, anchorsPem);
  } catch (err) {
    return fail(`time stamp invalid: ${(err as { stderr?: string }).stderr?.split('\n')[0] ?? (err as Error).message}`);
  }
  let chained = true;
  for (let i = 0; i + 1 < chain.length; i++) chained &&= chain[i]!.checkIssued(chain[i + 1]!) && chain[i]!.verify(chain[i + 1]!.publicKey);
  const top = chain[chain.length - 1]!;
  if (!chained || !anchors.some((x) => x.fingerprint256 === top.fingerprint256 || (top.checkIssued(x) && top.verify(x.publicKey))))
    return fail('certificate not issued under a trusted anchor');
  if (at < new Date(leaf.validFrom) || at > new Date(leaf.validTo))
    return fail(`certificate not valid at the time stamp ${at.toISOString()}`);
  const report = JSON.parse(Buffer.from(out.payload).toString('utf8')) as { submissionId?: string; version?: number };
  const payload = packet.payload as { submissionId?: string; version?: number };
  const expected =
    a.role === 'approval'
      ? { submissionId: payload.submissionId, version: payload.version }
      : { submissionId: a.submissionId, version: a.version };
  if (report.submissionId !== expected.submissionId || report.version !== expected.version)
    return fail('the signed report is not the one named');
  return { ...base, ok: true, signingTime: at.toISOString() };
}

export async function checkApprovals(packet: Record<string, unknown>, anchors: X509Certificate[]): Promise<ApprovalCheck | undefined> {
  if (packet.profileVersion !== '2.0') return undefined;
  const approvals = (packet.approvals ?? []) as Approval[];
  const anchorsPem = anchors.map((x) => x.toString()).join('\n');
  const signers = await Promise.all(
    approvals.map((a) =>
      one(a, packet, anchors, anchorsPem).catch((err: Error) => ({
        role: a.role,
        submissionId: a.submissionId,
        signer: '',
        ok: false,
        problem: err.message,
      })),
    ),
  );
  const own = signers.some((s) => s.role === 'approval' && s.ok);
  const ok = own && signers.every((s) => s.ok);
  const message = ok
    ? `${signers.length} leader approval(s) verified: ${signers.map((s) => s.signer.match(/CN=([^,]+)/)?.[1] ?? s.signer).join('; ')}`
    : !own
      ? "no valid approval by the report's own leader"
      : signers
          .filter((s) => !s.ok)
          .map((s) => `${s.submissionId}: ${s.problem}`)
          .join('; ');
  return { check: 'approvals', ok, message, signers };
}
