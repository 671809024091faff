import axios, { type AxiosResponse } from 'axios';
import { ChannelError, retryAfterMs, type Channel, type DeliveryReceipt, type OutboundPacket } from '../../delivery/channel.js';
import { logger } from '../../shared/logger.js';
import { buildEdxml, documentForPacket } from './edxml-builder.js';
import { parseEdxmlStatus } from './edxml-parser.js';
import { ACKNOWLEDGED_STATUSES, EDXML_STATUS, type EdxmlStatusMessage } from './edxml-types.js';
import { vxpAuthHeaders } from './vxp-auth.js';
import type { EdxmlSigner } from './xml-signature.js';

export interface EdocChannelOptions {
  /** Base URL of the e-document system / document axis (EDOC_URL). */
  baseUrl: string;
  systemId: string;
  secret: string;
  fromOrganId: string;
  fromOrganName?: string;
  toOrganId: string;
  toOrganName?: string;
  signer: EdxmlSigner;
  /** Place of promulgation printed on the document. */
  place?: string;
  /** Notation of the document code (CodeNotation). */
  notation?: string;
  purpose?: 'fallback' | 'archive';
  timeoutMs?: number;
  now?: () => Date;
}

/** Request failed before an answer: network, timeout, reset. Retrying is the right move. */
function transportError(err: unknown): ChannelError {
  const e = err as { code?: string; message?: string };
  return new ChannelError('EDOC_UNREACHABLE', `e-document system unreachable: ${e.code ?? e.message ?? 'unknown'}`, true, {
    cause: e.code,
  });
}

/** Non-2xx answers: 5xx/429 are transient, other 4xx mean our request is wrong and retrying cannot help. */
function httpError(res: AxiosResponse<string>): ChannelError {
  const details = { httpStatus: res.status, body: String(res.data).slice(0, 300) };
  if (res.status === 429) {
    return new ChannelError('EDOC_RATE_LIMITED', 'e-document system rate limit', true, {
      ...details,
      retryAfterMs: retryAfterMs(res.headers['retry-after']),
    });
  }
  if (res.status >= 500) return new ChannelError('EDOC_SERVER_ERROR', `e-document system answered ${res.status}`, true, details);
  if (res.status === 401 || res.status === 403)
    return new ChannelError('EDOC_AUTH_REJECTED', 'e-document system refused our system id / HMAC', false, details);
  return new ChannelError('EDOC_REQUEST_REJECTED', `e-document system refused the request (${res.status})`, false, details);
}

/**
 * The e-document channel: national packets as signed edXML documents (docs/edoc.md). Receipt
 * status is the edXML status code; `acknowledged` once the receiving body accepted the document
 * (03 accepted, 04 assigned, 05 processing, 06 done); 01 arrived is not yet an acknowledgement.
 * 02 refused is a non-retryable EDOC_REFUSED error, from `deliver` and from `status`.
 */
export function createEdocChannel(options: EdocChannelOptions): Channel {
  const now = options.now ?? (() => new Date());
  const http = axios.create({
    baseURL: options.baseUrl,
    timeout: options.timeoutMs ?? 10_000,
    responseType: 'text',
    transformResponse: (d: unknown) => d,
    validateStatus: () => true,
  });

  // The HMAC timestamp is a freshness check between two machines' clocks, so it uses the wall
  // clock even when `now` (document dates) is a test or demo clock.
  async function request(method: 'get' | 'post', path: string, init: { data?: string; params?: Record<string, string> }): Promise<string> {
    let res: AxiosResponse<string>;
    try {
      res = await http.request<string>({
        method,
        url: path,
        data: init.data,
        params: init.params,
        headers: { ...vxpAuthHeaders(options.systemId, options.secret, new Date()), 'content-type': 'application/xml; charset=utf-8' },
      });
    } catch (err) {
      throw transportError(err);
    }
    if (res.status < 200 || res.status >= 300) throw httpError(res);
    return res.data;
  }

  async function statusFrom(xml: string, documentId: string): Promise<DeliveryReceipt> {
    let status: EdxmlStatusMessage;
    try {
      status = await parseEdxmlStatus(xml);
    } catch (err) {
      // The document may or may not have arrived; resending is safe (same DocumentId).
      throw new ChannelError('EDOC_RESPONSE_INVALID', `Unreadable status message: ${(err as Error).message}`, true);
    }
    if (status.responseFor.documentId !== documentId) {
      throw new ChannelError('EDOC_RESPONSE_INVALID', `Status answers ${status.responseFor.documentId}, not ${documentId}`, true);
    }
    if (status.statusCode === EDXML_STATUS.refused) {
      throw new ChannelError('EDOC_REFUSED', `e-document system refused ${documentId}: ${status.description}`, false, {
        documentId,
        description: status.description,
      });
    }
    return {
      channel: 'edoc',
      remoteId: documentId,
      status: status.statusCode,
      acknowledged: ACKNOWLEDGED_STATUSES.includes(status.statusCode),
      raw: status,
    };
  }

  return {
    name: 'edoc',
    async deliver(packet: OutboundPacket) {
      const doc = documentForPacket(packet, {
        from: { organId: options.fromOrganId, ...(options.fromOrganName ? { organName: options.fromOrganName } : {}) },
        to: { organId: options.toOrganId, ...(options.toOrganName ? { organName: options.toOrganName } : {}) },
        place: options.place ?? 'Lai Châu',
        notation: options.notation ?? 'BC-LTBC',
        now: now(),
        purpose: options.purpose ?? 'fallback',
      });
      let signed: string;
      try {
        signed = options.signer.sign(buildEdxml(doc));
      } catch (err) {
        // e.g. a title with characters XML 1.0 cannot carry: the same packet will fail every time.
        throw new ChannelError('EDOC_DOCUMENT_INVALID', `Cannot build the edXML document: ${(err as Error).message}`, false, {
          packetId: packet.packetId,
        });
      }
      const answer = await request('post', '/sendEdoc', { data: signed });
      const receipt = await statusFrom(answer, doc.documentId);
      logger.info('edoc delivered', { packetId: packet.packetId, documentId: doc.documentId, status: receipt.status });
      return receipt;
    },
    async status(remoteId: string) {
      return statusFrom(await request('get', '/getEdocStatus', { params: { docId: remoteId } }), remoteId);
    },
  };
}
