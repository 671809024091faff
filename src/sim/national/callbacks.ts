import canonicalize from 'canonicalize';
import express, { Router } from 'express';
import type { NationalReceipt } from './protocol.js';
import { signBytes, type SimSigner } from './receipt-signer.js';

/** A catalog update the national system publishes (e.g. an indicator withdrawn or renamed). */
export interface NationalCatalogUpdate {
  catalogType: string;
  catalogVersion: number;
  items: Record<string, unknown>[];
  removedCodes: string[];
  publishedAt: string;
}

export type CallbackEvent =
  { event: 'packet-status'; receipt: NationalReceipt } | { event: 'catalog-update'; update: NationalCatalogUpdate };

/**
 * The national system's other direction: answers (accepted, refused with reason, returned) and
 * catalog updates, POSTed to the province's callback URL with X-Callback-Signature (detached JWS
 * over the RFC 8785 form of the body), and kept in a feed the province may poll
 * (`GET /api/v1/catalog-updates?since=N`).
 */
export class NationalCallbacks {
  url: string | undefined;
  readonly updates: NationalCatalogUpdate[] = [];
  /** Deliveries attempted (test-visible): url, event, HTTP status or error. */
  readonly sent: { event: string; status: number | string }[] = [];

  constructor(
    private readonly signer: SimSigner | undefined,
    url?: string,
  ) {
    this.url = url;
  }

  async emit(event: CallbackEvent): Promise<void> {
    if (!this.url) return;
    const body = canonicalize(event) ?? '{}';
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (this.signer) headers['x-callback-signature'] = await signBytes(this.signer, body, 'lienthong-callback+jws');
    try {
      const res = await fetch(this.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
      this.sent.push({ event: event.event, status: res.status });
    } catch (err) {
      this.sent.push({ event: event.event, status: (err as Error).message });
    }
  }
}

/** `PUT /_sim/callback {url}`, `GET /_sim/callback`, `POST /_sim/catalog-updates {catalogType, items?, removedCodes?}`; feed `GET /api/v1/catalog-updates?since=N`. */
export function callbackRouter(callbacks: NationalCallbacks, now: () => Date): Router {
  const r = Router();
  r.put('/_sim/callback', express.json(), (req, res) => {
    const url = (req.body as { url?: unknown } | undefined)?.url;
    if (url !== null && (typeof url !== 'string' || !/^https?:\/\//.test(url)))
      return void res.status(400).json({ code: 'SIM_CALLBACK_INVALID', message: 'url must be http(s) or null' });
    callbacks.url = url ?? undefined;
    res.json({ url: callbacks.url ?? null });
  });
  r.get('/_sim/callback', (_req, res) => void res.json({ url: callbacks.url ?? null, sent: callbacks.sent }));
  r.post('/_sim/catalog-updates', express.json(), async (req, res) => {
    const b = (req.body ?? {}) as { catalogType?: unknown; items?: unknown; removedCodes?: unknown };
    if (typeof b.catalogType !== 'string')
      return void res.status(400).json({ code: 'SIM_UPDATE_INVALID', message: 'catalogType is required' });
    const previous = callbacks.updates.filter((u) => u.catalogType === b.catalogType).length;
    const update: NationalCatalogUpdate = {
      catalogType: b.catalogType,
      catalogVersion: previous + 1,
      items: Array.isArray(b.items) ? (b.items as Record<string, unknown>[]) : [],
      removedCodes: Array.isArray(b.removedCodes) ? b.removedCodes.map(String) : [],
      publishedAt: now().toISOString(),
    };
    callbacks.updates.push(update);
    await callbacks.emit({ event: 'catalog-update', update });
    res.status(201).json(update);
  });
  r.get('/api/v1/catalog-updates', (req, res) => {
    const since = Number(req.query.since ?? 0);
    res.json({ updates: callbacks.updates.slice(Number.isInteger(since) && since > 0 ? since : 0), next: callbacks.updates.length });
  });
  return r;
}
