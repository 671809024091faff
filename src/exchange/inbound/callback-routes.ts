import { Router } from 'express';
import type { OutboundServices } from '../../delivery/outbound.js';
import type { Database } from '../../store/database.js';
import { appendAudit } from '../../store/audit-log.js';
import { AuthenticationError, ValidationError } from '../../shared/errors.js';
import { getValidator } from '../../shared/contracts.js';
import { logger } from '../../shared/logger.js';
import { RECEIPT_SCHEMA_ID, type NationalReceipt } from '../../channels/national/transport.js';
import { canonicalJson } from '../packets/canonical.js';
import type { TrustStore } from '../pki/trust.js';
import { verifySignature } from '../signing/verify.js';
import type { MappingSet } from '../mapping/mapping-set.js';
import { unmappedBy, type NationalCatalogUpdate } from './catalog-update.js';

export const CALLBACK_PATH = '/exchange/national/callback';
export const HEADER_CALLBACK_SIGNATURE = 'x-callback-signature';

/** Storage and the clock: what recording a catalog update needs. */
export interface CatalogUpdateDeps {
  db: Database;
  now: () => Date;
}

/** And the delivery engine, which applies the national system's answers about packets. */
export interface CallbackDeps extends CatalogUpdateDeps {
  outbound: Pick<OutboundServices, 'applyAnswer'>;
}

export type CallbackBody =
  { event: 'packet-status'; receipt: NationalReceipt } | { event: 'catalog-update'; update: NationalCatalogUpdate };

/** A catalog update from the national side: the mapping check, ops told what became unmapped (log + audit). */
export async function handleCatalogUpdate(
  ctx: CatalogUpdateDeps,
  mappings: MappingSet,
  update: NationalCatalogUpdate,
  via: string,
): Promise<{ unmapped: ReturnType<typeof unmappedBy> }> {
  const unmapped = unmappedBy(update, mappings);
  await appendAudit(ctx.db, {
    actor: 'system:national',
    action: 'exchange.national_catalog_update',
    subject: `${update.catalogType}@${update.catalogVersion}`,
    details: { via, removedCodes: update.removedCodes, changed: update.items.length, unmapped },
  });
  if (unmapped.length > 0) {
    logger.warn('national catalog update: provincial indicators became unmapped', {
      catalogType: update.catalogType,
      version: update.catalogVersion,
      unmapped: unmapped.map((u) => u.provincial),
    });
  }
  return { unmapped };
}

/**
 * `POST /api/v1/exchange/national/callback`: the national system's answers and catalog updates.
 * No session: the caller is authenticated by X-Callback-Signature, a detached JWS over the RFC
 * 8785 form of the body by a certificate chaining to NATIONAL_RECEIPT_TRUST.
 */
export function nationalCallbackRouter(ctx: CallbackDeps, trust: TrustStore, mappings: MappingSet): Router {
  const r = Router();
  r.post(CALLBACK_PATH, async (req, res) => {
    const signature = req.headers[HEADER_CALLBACK_SIGNATURE];
    if (typeof signature !== 'string' || signature === '')
      throw new AuthenticationError('CALLBACK_SIGNATURE_MISSING', `${HEADER_CALLBACK_SIGNATURE} header is required`);
    const body = req.body as CallbackBody | undefined;
    const text = canonicalJson(body ?? null);
    const v = await verifySignature(text, signature, trust, ctx.now());
    if (!v.ok) throw new AuthenticationError('CALLBACK_SIGNATURE_INVALID', 'Chữ ký của thông báo không hợp lệ', { checks: v.checks });
    const raw = JSON.stringify({ body: text, signature, signer: v.signer });
    if (body?.event === 'packet-status') {
      const validate = getValidator<NationalReceipt>(RECEIPT_SCHEMA_ID);
      if (!validate(body.receipt))
        throw new ValidationError('CALLBACK_INVALID', 'receipt does not follow the receipt contract', {
          errors: validate.errors?.slice(0, 3),
        });
      const { outbound } = ctx;
      const rc = body.receipt;
      const result = await outbound.applyAnswer({
        receiptId: rc.receiptId,
        packetId: rc.packetId,
        status: rc.status,
        ...(rc.reason ? { reason: rc.reason } : {}),
        raw,
      });
      return void res.json({ ok: true, ...result });
    }
    if (body?.event === 'catalog-update' && typeof body.update?.catalogType === 'string') {
      const update = {
        catalogType: body.update.catalogType,
        catalogVersion: Number(body.update.catalogVersion) || 0,
        items: Array.isArray(body.update.items) ? body.update.items : [],
        removedCodes: Array.isArray(body.update.removedCodes) ? body.update.removedCodes.map(String) : [],
      };
      return void res.json({ ok: true, ...(await handleCatalogUpdate(ctx, mappings, update, 'callback')) });
    }
    throw new ValidationError('CALLBACK_INVALID', 'event must be packet-status or catalog-update');
  });
  return r;
}
