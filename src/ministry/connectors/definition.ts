import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cron } from 'croner';
import type { PeriodKind } from '../../core/approved-report.js';
import type { MappingRegistry } from '../../exchange/mapping/loader.js';
import { assertContract } from '../../shared/contracts.js';
import { ValidationError } from '../../shared/errors.js';

export const CONNECTOR_SCHEMA_ID = 'https://lienthong.gov.vn/contracts/api/ministry/connector.schema.json';

export type ConnectorAuth = { type: 'none' } | { type: 'bearer'; tokenEnv: string } | { type: 'api-key'; header?: string; keyEnv: string };

/** One declarative connector (contracts/api/ministry/connector.schema.json). */
export interface ConnectorDefinition {
  id: string;
  name: string;
  ministry: string;
  direction: 'pull' | 'push';
  endpoint?: string;
  endpointEnv?: string;
  auth: ConnectorAuth;
  schedule?: string;
  indicators: string[];
  periodKind: Exclude<PeriodKind, 'ad_hoc'>;
  periodOffset?: number;
  atomic?: boolean;
  timeoutMs?: number;
  enabled?: boolean;
}

function invalid(file: string, message: string, details: Record<string, unknown> = {}): ValidationError {
  return new ValidationError('CONNECTOR_INVALID', `${file}: ${message}`, { file, ...details });
}

/** Checks what the schema cannot: the mapping exists, lists every indicator, the cron parses. */
function checkDefinition(file: string, def: ConnectorDefinition, mappings: MappingRegistry): void {
  const mapping = mappings.ministries.get(def.ministry);
  if (!mapping) throw invalid(file, `no mapping mappings/ministries/${def.ministry}.json`, { ministry: def.ministry });
  const unmapped = def.indicators.filter((code) => mapping.rulesFor(code).length === 0);
  if (unmapped.length > 0) throw invalid(file, `indicators not in the ${def.ministry} mapping: ${unmapped.join(', ')}`, { unmapped });
  if (def.schedule) {
    try {
      new Cron(def.schedule, { paused: true }).stop();
    } catch (err) {
      throw invalid(file, `schedule "${def.schedule}" is not a cron expression (${(err as Error).message})`, { schedule: def.schedule });
    }
  }
}

/** Reads every connector file of `dir`; any invalid file stops the start with an error naming it. */
export function loadConnectors(dir: string, mappings: MappingRegistry): ConnectorDefinition[] {
  if (!existsSync(dir)) return [];
  const defs: ConnectorDefinition[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const file = join(dir, name);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw invalid(name, `not valid JSON (${(err as Error).message})`);
    }
    let def: ConnectorDefinition;
    try {
      def = assertContract<ConnectorDefinition>(CONNECTOR_SCHEMA_ID, parsed, 'CONNECTOR_INVALID');
    } catch (err) {
      throw invalid(name, (err as Error).message, (err as ValidationError).details as Record<string, unknown>);
    }
    checkDefinition(name, def, mappings);
    if (defs.some((d) => d.id === def.id)) throw invalid(name, `duplicate connector id ${def.id}`, { id: def.id });
    defs.push(def);
  }
  return defs;
}
