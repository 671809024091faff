import { join } from 'node:path';
import type { GatewayContext } from '../gateway/module.js';
import type { SimulatorsServices } from '../sim/simulator.js';
import { ForbiddenError, UnavailableError, ValidationError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { DEMO_P12_PASSWORD, REPO_ROOT, type ExchangeConfig } from './config.js';
import type { SigningCredentials } from './pki/credentials.js';
import { RevocationChecker } from './pki/revocation.js';
import { checkRevocation, setRevocationChecker } from './pki/trust.js';
import { PersonalReportSigner } from './signing/approval-signer.js';
import { demoLeaderEntries, LeaderCredentials } from './signing/leader-credentials.js';
import { CertificateReportSigner } from './signing/report-signer.js';
import { createTsaClient, type TimeStampAuthority } from './timestamp/tsa-client.js';

const DEMO_PKI = join(REPO_ROOT, 'fixtures', 'pki');

export interface SigningSetup {
  reportSigner: PersonalReportSigner;
  revocation: RevocationChecker;
  /** RFC 3161 client (TSA_URL, else the in-process tsa simulator); undefined when neither exists. */
  tsa: TimeStampAuthority | undefined;
  /** Before each packet signature: a revoked organisation certificate stops signing. */
  assertOrgNotRevoked(): Promise<void>;
}

/**
 * Signing settings (typed and checked by the schema, src/settings/exchange.ts): OCSP_RESPONDER_URL (default the in-process `ocsp`
 * simulator = real `openssl ocsp`), CRL_SOURCES (files or URLs, comma-separated; demo default
 * the test CA's CRL), OCSP_FRESHNESS_SECONDS (3600), REVOCATION_REQUIRED (refuse to start
 * without OCSP or CRL), TSA_URL (default the `tsa` simulator), TSA_TIMEOUT_MS (10000),
 * LEADER_CREDENTIALS (JSON file; demo default the demo leaders' PKCS#12), CSC_URL (default the
 * `csc` simulator).
 */
export function setupSigning(ctx: GatewayContext<{ simulators: SimulatorsServices }>, config: ExchangeConfig): SigningSetup {
  const { env, settings } = ctx.config;
  const sims = ctx.services.simulators;
  const demo = config.demoDefaults.includes('TRUST_ANCHORS');
  const crlSources = settings.CRL_SOURCES
    ? settings.CRL_SOURCES.split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : demo
      ? [join(DEMO_PKI, 'ca.crl.pem')]
      : [];
  const revocation = new RevocationChecker({
    ocspUrl: settings.OCSP_RESPONDER_URL ?? sims.ocsp?.url,
    crlSources,
    freshnessSeconds: settings.OCSP_FRESHNESS_SECONDS,
    now: ctx.now,
  });
  if (!revocation.configured) {
    if (settings.REVOCATION_REQUIRED)
      throw new ValidationError('CONFIG_INVALID', 'REVOCATION_REQUIRED=true needs OCSP_RESPONDER_URL or CRL_SOURCES');
    logger.warn('exchange: no OCSP responder or CRL configured: certificate revocation is not checked', {
      settings: ['OCSP_RESPONDER_URL', 'CRL_SOURCES'],
    });
  }
  setRevocationChecker(revocation);
  const tsaUrl = settings.TSA_URL ?? sims.tsa?.url;
  const tsa = tsaUrl ? createTsaClient({ url: tsaUrl, trust: config.trust, timeoutMs: settings.TSA_TIMEOUT_MS }) : undefined;
  if (!tsa) logger.warn('exchange: no time-stamping authority (TSA_URL): leader approvals are JAdES B-B, not B-T');
  const cscUrl = () => settings.CSC_URL ?? sims.csc?.url;
  // A leader file names its own secret variables (`passwordEnv`, `clientSecretEnv`): read from `env`, like a connector's.
  const leaders = settings.LEADER_CREDENTIALS
    ? LeaderCredentials.fromFile(settings.LEADER_CREDENTIALS, env, cscUrl)
    : new LeaderCredentials(demo ? demoLeaderEntries(DEMO_PKI, DEMO_P12_PASSWORD) : [], env, REPO_ROOT, config.leaderCredentials, cscUrl);
  const legacy = new CertificateReportSigner(config.leaderCredentials, config.trust, ctx.now);
  return {
    reportSigner: new PersonalReportSigner(leaders, config.trust, tsa, ctx.now, legacy),
    revocation,
    tsa,
    assertOrgNotRevoked: () => assertNotRevoked(config.packetCredentials, config),
  };
}

async function assertNotRevoked(creds: SigningCredentials, config: ExchangeConfig): Promise<void> {
  const r = await checkRevocation(config.trust, creds.chain);
  if (r.ok) return;
  if (r.revoked)
    throw new ForbiddenError(
      'SIGNING_CERTIFICATE_REVOKED',
      `Chứng thư số của tổ chức (${creds.commonName}) đã bị thu hồi: ngừng ký gói tin. ${r.message}`,
      { check: r },
    );
  throw new UnavailableError(
    'SIGNING_CERTIFICATE_STATUS_UNKNOWN',
    `Không kiểm tra được tình trạng thu hồi chứng thư số của tổ chức: ${r.message}`,
    { check: r },
  );
}
