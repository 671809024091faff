import { verify, X509Certificate, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import canonicalize from 'canonicalize';
import { decodeProtectedHeader } from 'jose';
import forge from 'node-forge';
import { REPO_ROOT } from '../repo-root.js';
import { checkApprovals } from './check-approvals.js';
import { checkContent } from './check-content.js';

/**
 * The receiver's own checks, independent of the gateway's code (an implementation of the
 * contract, not a reuse of our builder's validator): its own Ajv over contracts/national/v1,
 * RFC 8785 through `canonicalize`, the JWS header through jose and its RS256 signature through
 * node:crypto (its own code, not the gateway's), the x5c chain, validity and key usage
 * through node:crypto's X509Certificate and node-forge's extension parser.
 */
export interface SimCheck {
  check: string;
  ok: boolean;
  message: string;
}
export interface SimVerification {
  ok: boolean;
  checks: SimCheck[];
  packetType?: string;
  packetId?: string;
  signer?: string;
  packet?: Record<string, unknown>;
}

const TYPES = [
  'report-regime',
  'report-form',
  'outline-form',
  'report-data',
  'list-report-data',
  'outline-submission',
  'report-status',
  'period-catalog',
  'indicator-catalog',
  'kpi-set',
  'kpi-group-catalog',
  'kpi-disaggregation-catalog',
  'kpi-data',
];

let validators: Map<string, ValidateFunction> | undefined;
const V2_TYPES = ['report-data', 'outline-submission'];

function schemaValidators(): Map<string, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  for (const v of ['v1', 'v2']) {
    const dir = join(REPO_ROOT, 'contracts', 'national', v);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.schema.json')))
      ajv.addSchema(JSON.parse(readFileSync(join(dir, f), 'utf8')) as object);
  }
  validators = new Map([
    ...TYPES.map((t) => [t, ajv.getSchema(`https://lienthong.gov.vn/contracts/national/v1/${t}.schema.json`)!] as const),
    ...V2_TYPES.map((t) => [`2.0:${t}`, ajv.getSchema(`https://lienthong.gov.vn/contracts/national/v2/${t}.schema.json`)!] as const),
  ]);
  return validators;
}

export function loadAnchors(files: string[]): X509Certificate[] {
  return files.flatMap((f) =>
    (readFileSync(f, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map(
      (pem) => new X509Certificate(pem),
    ),
  );
}

function schema(body: string): { check: SimCheck; packet?: Record<string, unknown> } {
  let packet: unknown;
  try {
    packet = JSON.parse(body);
  } catch {
    return { check: { check: 'schema', ok: false, message: 'body is not JSON' } };
  }
  const type = (packet as { packetType?: unknown } | null)?.packetType;
  // Profile v1 and v2 are both accepted; v2 adds the leaders' approvals.
  const v2 = (packet as { profileVersion?: unknown }).profileVersion === '2.0';
  const validate = typeof type === 'string' ? schemaValidators().get(v2 ? `2.0:${type}` : type) : undefined;
  if (!validate) return { check: { check: 'schema', ok: false, message: `unknown packetType ${JSON.stringify(type)}` } };
  if (!validate(packet)) {
    return {
      check: {
        check: 'schema',
        ok: false,
        message: (validate.errors ?? [])
          .slice(0, 5)
          .map((e) => `${e.instancePath || '/'} ${e.message}`)
          .join('; '),
      },
    };
  }
  return { check: { check: 'schema', ok: true, message: `valid ${type}` }, packet: packet as Record<string, unknown> };
}

/** What a chain proves apart from the time: computed once per chain and anchor set (below). */
interface ChainFacts {
  chain: X509Certificate[];
  chained: boolean;
  anchored: boolean;
  usable: boolean;
}

function chainFacts(chain: X509Certificate[], anchors: X509Certificate[]): ChainFacts {
  let chained = true;
  for (let i = 0; i + 1 < chain.length; i++) chained &&= chain[i]!.checkIssued(chain[i + 1]!) && chain[i]!.verify(chain[i + 1]!.publicKey);
  const top = chain[chain.length - 1]!;
  const anchored = anchors.some((a) => a.fingerprint256 === top.fingerprint256 || (top.checkIssued(a) && top.verify(a.publicKey)));
  const usage = forge.pki.certificateFromPem(chain[0]!.toString()).getExtension('keyUsage') as {
    digitalSignature?: boolean;
    nonRepudiation?: boolean;
  } | null;
  const usable = !usage || usage.digitalSignature === true || usage.nonRepudiation === true;
  return { chain, chained, anchored, usable };
}

/**
 * A receiver sees the same few signers again and again: parsing the x5c certificates (and
 * forge's parse of the leaf) per packet cost more than verifying its signature. Keyed by the
 * anchor set, then by the x5c entries joined; bounded.
 */
const knownChains = new WeakMap<X509Certificate[], Map<string, ChainFacts>>();

function factsOf(x5c: string[], anchors: X509Certificate[]): ChainFacts {
  let perAnchors = knownChains.get(anchors);
  if (!perAnchors) {
    perAnchors = new Map();
    knownChains.set(anchors, perAnchors);
  }
  const key = x5c.join('.');
  let facts = perAnchors.get(key);
  if (!facts) {
    facts = chainFacts(
      x5c.map((c) => new X509Certificate(Buffer.from(c, 'base64'))),
      anchors,
    );
    if (perAnchors.size >= 256) perAnchors.clear();
    perAnchors.set(key, facts);
  }
  return facts;
}

function chainChecks(facts: ChainFacts, at: Date): SimCheck[] {
  const { chained, anchored, usable } = facts;
  const expired = facts.chain.find((c) => at < new Date(c.validFrom) || at > new Date(c.validTo));
  return [
    {
      check: 'chain',
      ok: chained && anchored,
      message: chained && anchored ? 'chains to a trusted anchor' : 'not issued by a trusted anchor',
    },
    { check: 'validity', ok: !expired, message: expired ? `${expired.subject} not valid at ${at.toISOString()}` : 'valid' },
    { check: 'keyUsage', ok: usable, message: usable ? 'digitalSignature' : 'certificate may not sign' },
  ];
}

/** RS256 (RSASSA-PKCS1-v1_5, SHA-256) over the JWS signing input, natively: no WebCrypto job per packet. */
function rs256(signingInput: string, signatureB64url: string, key: KeyObject): boolean {
  if (!/^[A-Za-z0-9_-]+$/.test(signatureB64url)) return false;
  try {
    return verify('sha256', Buffer.from(signingInput, 'ascii'), key, Buffer.from(signatureB64url, 'base64url'));
  } catch {
    return false;
  }
}

async function signature(
  body: string,
  jws: string,
  anchors: X509Certificate[],
  at: Date,
): Promise<{ checks: SimCheck[]; signer?: string }> {
  const parts = jws.split('.');
  if (parts.length !== 3 || parts[1] !== '') return { checks: [{ check: 'signature', ok: false, message: 'not a detached compact JWS' }] };
  let facts: ChainFacts;
  try {
    const header = decodeProtectedHeader(jws);
    if (header.alg !== 'RS256' || !Array.isArray(header.x5c) || header.x5c.length === 0) throw new Error('RS256 with x5c expected');
    if (header.crit !== undefined || header.b64 !== undefined) throw new Error('critical extensions are not accepted');
    facts = factsOf(header.x5c, anchors);
  } catch (err) {
    return { checks: [{ check: 'signature', ok: false, message: `header: ${(err as Error).message}` }] };
  }
  const leaf = facts.chain[0]!;
  const ok = rs256(`${parts[0]}.${Buffer.from(body, 'utf8').toString('base64url')}`, parts[2]!, leaf.publicKey);
  return {
    checks: [{ check: 'signature', ok, message: ok ? 'RS256 verified' : 'signature does not match the body' }, ...chainChecks(facts, at)],
    signer: leaf.subject,
  };
}

/** Schema, canonical form, signature, chain, validity, key usage: every check, each with why. */
export async function checkPacket(body: string, jws: string, anchors: X509Certificate[], at: Date): Promise<SimVerification> {
  const s = schema(body);
  const checks: SimCheck[] = [s.check];
  if (s.packet) {
    let canonical: string | undefined;
    try {
      canonical = canonicalize(s.packet);
    } catch {
      canonical = undefined;
    }
    checks.push({
      check: 'canonical',
      ok: canonical === body,
      message: canonical === body ? 'RFC 8785' : 'body is not in RFC 8785 canonical form',
    });
    if (s.check.ok) checks.push(checkContent(s.packet));
  }
  const sig = await signature(body, jws, anchors, at);
  checks.push(...sig.checks);
  const approvals = s.packet ? await checkApprovals(s.packet, anchors) : undefined;
  if (approvals) checks.push(approvals);
  return {
    ok: checks.every((c) => c.ok),
    checks,
    ...(s.packet ? { packetType: String(s.packet.packetType), packetId: String(s.packet.packetId), packet: s.packet } : {}),
    ...(sig.signer ? { signer: sig.signer } : {}),
  };
}
