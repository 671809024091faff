import { AppError, UnavailableError } from '../../shared/errors.js';
import type { ResolvedEndpoint } from './endpoint.js';

/**
 * One call to a ministry system. Network failures and timeouts are CONNECTOR_UNREACHABLE
 * (retry later); an answer other than 2xx is CONNECTOR_REJECTED with the status and the
 * ministry's own error code, so the run record says who refused what.
 */
export async function callMinistry(
  endpoint: ResolvedEndpoint,
  path: string,
  init: { method: 'GET' | 'POST'; body?: unknown; timeoutMs: number },
): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${endpoint.url}${path}`, {
      method: init.method,
      headers: {
        accept: 'application/json',
        ...endpoint.headers,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs),
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    throw new UnavailableError('CONNECTOR_UNREACHABLE', `Ministry system at ${endpoint.url} did not answer: ${e.cause?.code ?? e.name}`, {
      url: endpoint.url,
      reason: e.cause?.code ?? e.name,
    });
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const remote = (body as { code?: string } | undefined)?.code;
    throw new AppError('CONNECTOR_REJECTED', `Ministry system answered ${res.status}${remote ? ` (${remote})` : ''}`, 502, {
      status: res.status,
      remoteCode: remote,
    });
  }
  if (body === undefined)
    throw new AppError('CONNECTOR_REJECTED', 'Ministry system answered without a JSON body', 502, { status: res.status });
  return body;
}
