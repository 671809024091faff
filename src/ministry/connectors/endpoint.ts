import { ValidationError } from '../../shared/errors.js';
import type { ConnectorDefinition } from './definition.js';

export interface ResolvedEndpoint {
  url: string;
  headers: Record<string, string>;
  /** The in-process ministry simulator stands in (demo). */
  simulated: boolean;
  /** The connector's own timeout (default 10000 ms). */
  timeoutMs: number;
}

/** The endpoint used when a connector names none: the in-process ministry simulator and its token (demo). */
export interface DefaultEndpoint {
  url: string;
  secret: string;
}

/**
 * What the composition root builds once for the connectors (src/app/adapters/connectors-module.ts):
 * the connector files and where each one calls. Pushes are queued through the delivery area's
 * `outbound.send`, which the ministry module requires itself.
 */
export interface ConnectorAdapters {
  /** The connector files of MINISTRY_CONNECTORS_DIR, loaded and checked once at start. */
  definitions: readonly ConnectorDefinition[];
  resolve(def: ConnectorDefinition): ResolvedEndpoint;
  /** The endpoint of the connector with this id (the ministry channel asks it for each packet). */
  resolveId(id: string): ResolvedEndpoint;
}

/**
 * Where and how to call: `endpointEnv`, else `endpoint`, else the default (the in-process
 * ministry simulator the root hands over). Secrets come from the environment variable the
 * connector names; only the default endpoint brings its own.
 */
export function resolveEndpoint(
  def: ConnectorDefinition,
  env: Readonly<Record<string, string | undefined>>,
  fallback: DefaultEndpoint | undefined,
): ResolvedEndpoint {
  const configured = (def.endpointEnv && env[def.endpointEnv]) || def.endpoint;
  const url = configured || fallback?.url;
  if (!url) {
    throw new ValidationError(
      'CONNECTOR_ENDPOINT_MISSING',
      `Connector ${def.id} has no endpoint: set ${def.endpointEnv ?? 'endpoint'} (no ministry simulator is running)`,
      { connector: def.id },
      503,
    );
  }
  const simulated = !configured;
  const secretOf = (name: string): string => {
    const v = env[name] ?? (simulated ? fallback?.secret : undefined);
    if (!v)
      throw new ValidationError(
        'CONNECTOR_SECRET_MISSING',
        `Connector ${def.id} needs the secret in ${name}`,
        { connector: def.id, variable: name },
        503,
      );
    return v;
  };
  const headers: Record<string, string> = {};
  if (def.auth.type === 'bearer') headers.authorization = `Bearer ${secretOf(def.auth.tokenEnv)}`;
  if (def.auth.type === 'api-key') headers[(def.auth.header ?? 'X-API-Key').toLowerCase()] = secretOf(def.auth.keyEnv);
  return { url: url.replace(/\/+$/, ''), headers, simulated, timeoutMs: def.timeoutMs ?? 10_000 };
}
