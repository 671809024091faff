import type { CoreServices } from '../core/core-services.js';
import type { SubmissionsServices } from '../core/submissions/services.js';
import type { GatewayModule } from '../gateway/module.js';
import type { SimulatorsServices } from '../sim/simulator.js';
import { ValidationError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { readExchangeConfig } from './config.js';
import { checkMappings, type CatalogForm, type CatalogIndicator, type MappingCheckReport } from './mapping/check.js';
import type { MappingRegistry } from './mapping/loader.js';
import { withMetrics } from './metrics.js';
import { PacketBuilder } from './packets/builder.js';
import { buildReportStatusPacket } from './packets/status-packet.js';
import { sealSubjectPacket } from './packets/subject-packet.js';
import { verifyPacket } from './packets/verify-packet.js';
import { certificateChecks, checkValidity } from './pki/trust.js';
import { orgCodeOf } from './pki/certificates.js';
import type { SigningCredentials } from './pki/credentials.js';
import { TrustStore } from './pki/trust.js';
import { exchangeRouter } from './routes.js';
import type { ExchangeServices } from './services.js';
import { signCmsDetached } from './signing/cms.js';
import { describeApproval } from './signing/approval-signer.js';
import { setupSigning } from './signing-setup.js';
import { canonicalJson } from './packets/canonical.js';
import { signedContent } from '../core/submissions/approval-chain.js';

/** A signer whose own certificate the receiver would refuse is a configuration error, caught at start. */
async function assertUsable(name: string, creds: SigningCredentials, trust: TrustStore, at: Date): Promise<void> {
  const failed = (await certificateChecks(trust, creds.chain, at)).filter((c) => !c.ok);
  if (failed.length > 0) {
    throw new ValidationError(
      'SIGNING_CERTIFICATE_UNUSABLE',
      `${name} certificate ${creds.subject} would be refused: ${failed.map((f) => `${f.check}: ${f.message}`).join('; ')}`,
      {
        setting: name,
        failed: failed.map((f) => f.check),
      },
    );
  }
}

/** The live catalog in the shape the mapping check wants (database, not fixtures). */
async function liveCatalog(core: CoreServices): Promise<{ indicators: CatalogIndicator[]; forms: CatalogForm[] }> {
  const indicators = await core.indicators.list({});
  const regimes = await core.regimes.list();
  // One query for every form rather than one per form code.
  const byCode = new Map((await core.forms.list()).map((f) => [f.code, f]));
  const forms: CatalogForm[] = [];
  for (const regime of regimes) {
    for (const code of regime.formCodes) {
      const form = byCode.get(code);
      if (!form) continue;
      forms.push({
        code,
        regimeCode: regime.code,
        national: regime.national,
        periodKinds: regime.periodKinds,
        rows: form.rows,
        columns: form.columns,
      });
    }
  }
  return { indicators, forms };
}

/**
 * Exchange: mappings, national packet building, signing (ctx.services.exchange). Settings
 * (validated here, once): SIGNING_P12 + SIGNING_P12_PASSWORD or SIGNING_CERT + SIGNING_KEY,
 * LEADER_SIGNING_*, TRUST_ANCHORS, NATIONAL_RECEIPT_TRUST. The national channel is built by the
 * composition root (src/app/adapters/channels-module.ts).
 */
export const exchangeModule: GatewayModule<
  { core: CoreServices; simulators: SimulatorsServices; submissions: SubmissionsServices; mappings: MappingRegistry },
  { exchange: ExchangeServices }
> = {
  name: 'exchange',
  requires: { core: true, simulators: true, submissions: true, mappings: true },
  provides: { exchange: true },
  async init(ctx) {
    const config = readExchangeConfig(ctx.config.env);
    for (const setting of config.demoDefaults) {
      logger.warn('exchange: using the test PKI (THỬ NGHIỆM), demo only', { setting });
    }
    const signing = setupSigning(ctx, config);
    await assertUsable('SIGNING', config.packetCredentials, config.trust, ctx.now());
    await assertUsable('LEADER_SIGNING', config.leaderCredentials, config.trust, ctx.now());
    // From now on approvals are signed with the leader's personal certificate.
    ctx.services.submissions.useSigner(signing.reportSigner);
    const { mappings } = ctx.services;
    const builder = new PacketBuilder({
      mappings: mappings.national,
      credentials: config.packetCredentials,
      signAttachment: (content, at) => signCmsDetached(content, config.packetCredentials, at),
    });
    // Anchors of the national system's signed receipts and callbacks (the national channel, built
    // in src/app/adapters, and the callback route check against them).
    const receiptFiles = ctx.config.settings.NATIONAL_RECEIPT_TRUST;
    const receiptTrust = receiptFiles
      ? TrustStore.fromFiles(
          receiptFiles
            .split(',')
            .map((f) => f.trim())
            .filter(Boolean),
        )
      : config.trust;
    const services: ExchangeServices = withMetrics({
      reportSigner: signing.reportSigner,
      buildPackets: async (report) => {
        await signing.assertOrgNotRevoked();
        return builder.build(report);
      },
      describeApproval: (signature, report) =>
        describeApproval(
          signature,
          config.trust,
          report ? canonicalJson(signedContent(report)) : undefined,
          report ? new Date(report.approvedAt) : ctx.now(),
        ),
      timestampAuthority: signing.tsa,
      revocation: signing.revocation,
      buildReportStatus: (input) =>
        buildReportStatusPacket({ ...input, mappingVersion: mappings.national.version }, config.packetCredentials),
      sealPacket: (input) =>
        sealSubjectPacket({ ...input, mappingVersion: input.mappingVersion ?? mappings.national.version }, config.packetCredentials),
      verifyPacket: (body, signature) => verifyPacket(body, signature, config.trust, ctx.now()),
      mappings,
      trust: config.trust,
      receiptTrust,
      packetSigner: config.packetCredentials.subject,
      sender: { orgCode: orgCodeOf(config.packetCredentials.certificate) ?? '000.00.00.H00', name: config.packetCredentials.commonName },
    });
    const check = async (): Promise<MappingCheckReport[]> => {
      const { indicators, forms } = await liveCatalog(ctx.services.core);
      return [mappings.national, ...mappings.ministries.values()]
        .filter((s) => s.sources.length > 0)
        .map((s) => checkMappings(s, indicators, forms));
    };
    return {
      services: { exchange: services },
      routers: [{ path: '/api/v1', router: exchangeRouter(services, check, ctx.services.submissions) }],
      health: [
        {
          name: 'exchange-signing',
          check: async () => {
            const v = checkValidity(config.packetCredentials.chain, ctx.now());
            return { ok: v.ok, detail: `${config.packetCredentials.commonName}: ${v.message}` };
          },
        },
      ],
    };
  },
};
