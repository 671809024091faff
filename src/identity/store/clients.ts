import type { SqlExecutor } from '../../store/database.js';
import { forgetSubject } from '../bearer-cache.js';
import type { MinistryClient } from '../types.js';

interface ClientRow {
  client_id: string;
  name: string;
  ministry_code: string;
  org_unit_id: string;
  indicator_codes: string[];
  indicator_pattern: string | null;
  public_key_pem: string;
  cert_sha256: string | null;
  status: 'active' | 'disabled';
  created_at: Date;
}

function toClient(r: ClientRow): MinistryClient {
  return {
    clientId: r.client_id,
    name: r.name,
    ministryCode: r.ministry_code,
    orgUnitId: r.org_unit_id,
    indicatorCodes: r.indicator_codes,
    indicatorPattern: r.indicator_pattern,
    publicKeyPem: r.public_key_pem,
    certSha256: r.cert_sha256,
    status: r.status,
    createdAt: r.created_at,
  };
}

/** Ministry clients (private_key_jwt / mutual TLS). */
export const clientsStore = {
  async get(sql: SqlExecutor, clientId: string): Promise<MinistryClient | null> {
    const res = await sql.query<ClientRow>('SELECT * FROM ministry_clients WHERE client_id = $1', [clientId]);
    return res.rows[0] ? toClient(res.rows[0]) : null;
  },

  async byCertificate(sql: SqlExecutor, sha256: string): Promise<MinistryClient | null> {
    const res = await sql.query<ClientRow>('SELECT * FROM ministry_clients WHERE cert_sha256 = $1', [sha256]);
    return res.rows[0] ? toClient(res.rows[0]) : null;
  },

  async list(sql: SqlExecutor): Promise<MinistryClient[]> {
    const res = await sql.query<ClientRow>('SELECT * FROM ministry_clients ORDER BY client_id');
    return res.rows.map(toClient);
  },

  async insert(sql: SqlExecutor, c: MinistryClient, at: Date): Promise<void> {
    await sql.query(
      `INSERT INTO ministry_clients (client_id, name, ministry_code, org_unit_id, indicator_codes, indicator_pattern,
        public_key_pem, cert_sha256, status, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10)`,
      [
        c.clientId,
        c.name,
        c.ministryCode,
        c.orgUnitId,
        JSON.stringify(c.indicatorCodes),
        c.indicatorPattern,
        c.publicKeyPem,
        c.certSha256,
        c.status,
        at,
      ],
    );
  },

  async setStatus(sql: SqlExecutor, clientId: string, status: MinistryClient['status'], at: Date): Promise<void> {
    forgetSubject('client', clientId);
    await sql.query('UPDATE ministry_clients SET status = $2, updated_at = $3 WHERE client_id = $1', [clientId, status, at]);
  },
};
