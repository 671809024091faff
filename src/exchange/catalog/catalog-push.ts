import { createHash } from 'node:crypto';
import type { OutboundPacket } from '../../delivery/channel.js';
import type { SqlExecutor } from '../../store/database.js';
import { canonicalJson } from '../packets/canonical.js';
import type { OrgRef } from '../packets/types.js';
import { CATALOG_TYPES, ITEMS_FIELD, type CatalogItem, type CatalogType } from './catalog-items.js';

/** One catalog's change since the last push. */
export interface CatalogDiff {
  catalogType: CatalogType;
  /** Version last pushed (0: never). */
  baseVersion: number;
  version: number;
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
}

const hashOf = (item: Record<string, unknown>) => createHash('sha256').update(canonicalJson(item)).digest('hex');

/** Compares the catalog as it is now with what was pushed (row lock: concurrent pushes serialize). */
export async function diffCatalog(sql: SqlExecutor, type: CatalogType, items: CatalogItem[], lock = false): Promise<CatalogDiff> {
  const v = await sql.query<{ version: number }>(
    `SELECT version FROM exchange_catalog_versions WHERE catalog_type = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [type],
  );
  const stored = new Map(
    (
      await sql.query<{ item_code: string; item_hash: string }>(
        'SELECT item_code, item_hash FROM exchange_catalog_items WHERE catalog_type = $1',
        [type],
      )
    ).rows.map((r) => [r.item_code, r.item_hash]),
  );
  const diff: CatalogDiff = {
    catalogType: type,
    baseVersion: v.rows[0]?.version ?? 0,
    version: 0,
    added: [],
    changed: [],
    removed: [],
    unchanged: 0,
  };
  const now = new Set<string>();
  for (const { code, item } of items) {
    now.add(code);
    const h = stored.get(code);
    if (h === undefined) diff.added.push(code);
    else if (h !== hashOf(item)) diff.changed.push(code);
    else diff.unchanged++;
  }
  for (const code of stored.keys()) if (!now.has(code)) diff.removed.push(code);
  diff.version = hasChanges(diff) ? diff.baseVersion + 1 : diff.baseVersion;
  return diff;
}

export const hasChanges = (d: CatalogDiff) => d.added.length + d.changed.length + d.removed.length > 0;

export interface CatalogPushDeps {
  /** The catalog items now (national terms), per type. */
  items: (type: CatalogType) => Promise<CatalogItem[]>;
  /** Seals one catalog packet (exchange.sealPacket). */
  seal: (input: {
    packetType: CatalogType;
    subject: { kind: 'catalog'; id: string; version: number; orgUnitId?: string };
    sender: OrgRef;
    payload: Record<string, unknown>;
    title: string;
  }) => Promise<OutboundPacket>;
  /** Writes packets into the outbox (outbound.send). */
  send: (tx: SqlExecutor, packets: OutboundPacket[]) => Promise<string[]>;
  sender: () => Promise<OrgRef & { id?: string }>;
  transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>) => Promise<T>;
  now: () => Date;
}

export interface CatalogPushResult {
  diffs: CatalogDiff[];
  /** Packet ids queued (empty on a dry run or when nothing changed). */
  queued: string[];
  dryRun: boolean;
}

const TITLES: Record<CatalogType, string> = {
  'report-regime': 'Danh mục chế độ báo cáo',
  'report-form': 'Danh mục biểu mẫu báo cáo',
  'outline-form': 'Danh mục biểu mẫu đề cương',
  'period-catalog': 'Danh mục kỳ báo cáo',
  'indicator-catalog': 'Danh mục chỉ tiêu',
  'kpi-set': 'Bộ chỉ tiêu',
  'kpi-group-catalog': 'Danh mục nhóm chỉ tiêu',
  'kpi-disaggregation-catalog': 'Danh mục phân tổ',
};

/**
 * Pushes each catalog that changed since its last push: version + 1, only the items added or
 * changed and the codes removed, one signed packet per catalog, written to the outbox with the
 * new state in one transaction. Idempotent: an unchanged catalog sends nothing; the packet of a
 * version is deterministic (same subject + version → same packetId and key).
 */
export async function pushCatalogs(
  deps: CatalogPushDeps,
  options: { dryRun?: boolean; types?: readonly CatalogType[] } = {},
): Promise<CatalogPushResult> {
  const result: CatalogPushResult = { diffs: [], queued: [], dryRun: options.dryRun === true };
  const sender = await deps.sender();
  for (const type of options.types ?? CATALOG_TYPES) {
    const items = await deps.items(type);
    if (options.dryRun) {
      result.diffs.push(await deps.transaction((tx) => diffCatalog(tx, type, items)));
      continue;
    }
    const diff = await deps.transaction(async (tx) => {
      const d = await diffCatalog(tx, type, items, true);
      if (!hasChanges(d)) return d;
      const send = new Set([...d.added, ...d.changed]);
      const packet = await deps.seal({
        packetType: type,
        subject: { kind: 'catalog', id: type, version: d.version, ...(sender.id ? { orgUnitId: sender.id } : {}) },
        sender: { orgCode: sender.orgCode, name: sender.name },
        payload: {
          catalogVersion: d.version,
          baseVersion: d.baseVersion,
          [ITEMS_FIELD[type]]: items.filter((i) => send.has(i.code)).map((i) => i.item),
          ...(d.removed.length > 0 ? { removedCodes: d.removed } : {}),
        },
        title: `${TITLES[type]} - phiên bản ${d.version} - ${sender.name}`,
      });
      result.queued.push(...(await deps.send(tx, [packet])));
      const at = deps.now().toISOString();
      await tx.query(
        `INSERT INTO exchange_catalog_versions (catalog_type, version, packet_id, pushed_at) VALUES ($1, $2, $3, $4::timestamptz)
         ON CONFLICT (catalog_type) DO UPDATE SET version = EXCLUDED.version, packet_id = EXCLUDED.packet_id, pushed_at = EXCLUDED.pushed_at`,
        [type, d.version, packet.packetId, at],
      );
      if (d.removed.length > 0)
        await tx.query('DELETE FROM exchange_catalog_items WHERE catalog_type = $1 AND item_code = ANY($2::text[])', [type, d.removed]);
      const rows = items.filter((i) => send.has(i.code)).map((i) => ({ code: i.code, hash: hashOf(i.item) }));
      await tx.query(
        `INSERT INTO exchange_catalog_items (catalog_type, item_code, item_hash, version)
         SELECT $1, v.code, v.hash, $3 FROM jsonb_to_recordset($2::jsonb) AS v(code text, hash text)
         ON CONFLICT (catalog_type, item_code) DO UPDATE SET item_hash = EXCLUDED.item_hash, version = EXCLUDED.version`,
        [type, JSON.stringify(rows), d.version],
      );
      return d;
    });
    result.diffs.push(diff);
  }
  return result;
}
