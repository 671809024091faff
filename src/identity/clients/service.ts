import { decodeJwt, jwtVerify } from 'jose';
import type { Database } from '../../store/database.js';
import { appendAudit } from '../../store/audit-log.js';
import type { Principal } from '../../http/principal.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { refuse } from '../audit.js';
import { jwtFailureCode, jwtFailureMessage } from '../jwt-errors.js';
import { authLogins } from '../metrics.js';
import type { ScopeCheck } from '../users.js';
import { clientsStore } from '../store/clients.js';
import { markUsedOnce, sessionsStore } from '../store/sessions.js';
import type { MinistryClient, NewMinistryClient } from '../types.js';
import { publicKeyOf, readClientKey } from './keys.js';

/** Algorithms a client may sign its assertion with; never `none` nor a shared-secret HMAC. */
const ASSERTION_ALGS = ['RS256', 'PS256', 'ES256', 'EdDSA'];
/** A client assertion is a one-shot credential: it may not live longer than this. */
const MAX_ASSERTION_LIFETIME_SECONDS = 300;

/**
 * Ministry systems (bộ, ngành) as API clients: registered with their certificate, they
 * authenticate with private_key_jwt (RFC 7523) or mutual TLS, and are scoped to their
 * ministry's org subtree and indicators.
 */
export class ClientService {
  constructor(
    private readonly db: Database,
    private readonly scope: ScopeCheck,
    private readonly now: () => Date,
    /** Audience values accepted in assertions: the token endpoint URL (and the gateway's base URL). */
    private readonly audiences: string[],
    /** How long `indicatorFilter` reuses a client's registration (BEARER_CACHE_MS; 0 = read each time). */
    private readonly cacheMs = 0,
  ) {}

  /** Registrations read by `indicatorFilter` lately: a ministry push asks once per request. */
  private readonly recent = new Map<string, { client: MinistryClient | null; until: number }>();

  async register(actor: Principal, input: NewMinistryClient): Promise<MinistryClient> {
    this.assertAdmin(actor);
    if (!(await this.scope.isWithin(input.orgUnitId, actor.orgUnitId))) {
      throw new ForbiddenError('ORG_SCOPE_FORBIDDEN', 'This org unit is outside your unit', { orgUnitId: input.orgUnitId });
    }
    if (input.indicatorPattern !== undefined) this.checkPattern(input.indicatorPattern);
    const key = readClientKey(input.certificatePem);
    const at = this.now();
    const client: MinistryClient = {
      clientId: input.clientId,
      name: input.name,
      ministryCode: input.ministryCode,
      orgUnitId: input.orgUnitId,
      indicatorCodes: input.indicatorCodes ?? [],
      indicatorPattern: input.indicatorPattern ?? null,
      publicKeyPem: key.publicKeyPem,
      certSha256: key.certSha256,
      status: 'active',
      createdAt: at,
    };
    await this.db.transaction(async (tx) => {
      if (await clientsStore.get(tx, client.clientId)) throw new ConflictError('CLIENT_EXISTS', `Client ${client.clientId} đã tồn tại`);
      if (client.certSha256 && (await clientsStore.byCertificate(tx, client.certSha256))) {
        throw new ConflictError('CLIENT_CERT_IN_USE', 'Chứng thư số này đã được đăng ký cho client khác');
      }
      await clientsStore.insert(tx, client, at);
      await appendAudit(tx, {
        actor: actor.id,
        action: 'client.registered',
        subject: client.clientId,
        orgUnitId: client.orgUnitId,
        details: {
          ministryCode: client.ministryCode,
          indicatorCodes: client.indicatorCodes,
          indicatorPattern: client.indicatorPattern,
          certSha256: client.certSha256,
        },
      });
    });
    return client;
  }

  /** Revokes a ministry system at once: its bearer tokens end, new assertions and certificates are refused. */
  async disable(actor: Principal, clientId: string, note?: string): Promise<MinistryClient> {
    this.assertAdmin(actor);
    const client = await clientsStore.get(this.db, clientId);
    if (!client) throw new NotFoundError('CLIENT_NOT_FOUND', `No client ${clientId}`, { clientId });
    if (!(await this.scope.isWithin(client.orgUnitId, actor.orgUnitId))) {
      throw new ForbiddenError('ORG_SCOPE_FORBIDDEN', 'This org unit is outside your unit', { orgUnitId: client.orgUnitId });
    }
    await this.db.transaction(async (tx) => {
      await clientsStore.setStatus(tx, clientId, 'disabled', this.now());
      this.recent.delete(clientId);
      await sessionsStore.removeForSubject(tx, 'client', clientId);
      await appendAudit(tx, {
        actor: actor.id,
        action: 'client.disabled',
        subject: clientId,
        orgUnitId: client.orgUnitId,
        details: { note },
      });
    });
    return { ...client, status: 'disabled' };
  }

  async list(actor: Principal): Promise<MinistryClient[]> {
    this.assertAdmin(actor);
    const all = await clientsStore.list(this.db);
    const subtree = await this.scope.subtreeIds(actor.orgUnitId);
    return all.filter((c) => subtree.has(c.orgUnitId));
  }

  /** Verifies a private_key_jwt client assertion: signature by the registered key, iss = sub = client_id, aud, exp, one-time jti. */
  async authenticateAssertion(assertion: string, claimedClientId?: string): Promise<MinistryClient> {
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(assertion).iss;
    } catch {
      throw await refuse(this.db, 401, 'TOKEN_MALFORMED', 'client_assertion is not a JWT', { actor: claimedClientId });
    }
    const clientId = claimedClientId ?? issuer;
    if (!clientId || (claimedClientId && issuer !== claimedClientId)) {
      throw await refuse(this.db, 401, 'TOKEN_ISSUER_INVALID', 'client_assertion iss must equal client_id', {
        actor: clientId,
        details: { iss: issuer },
      });
    }
    const client = await clientsStore.get(this.db, clientId);
    if (!client) throw await refuse(this.db, 401, 'CLIENT_UNKNOWN', `Unknown client ${clientId}`, { actor: clientId });
    if (client.status !== 'active')
      throw await refuse(this.db, 401, 'CLIENT_DISABLED', `Client ${clientId} is disabled`, { actor: clientId });
    let payload;
    try {
      ({ payload } = await jwtVerify(assertion, publicKeyOf(client.publicKeyPem), {
        algorithms: ASSERTION_ALGS,
        issuer: clientId,
        subject: clientId,
        audience: this.audiences,
        currentDate: this.now(),
        requiredClaims: ['exp', 'jti'],
        maxTokenAge: MAX_ASSERTION_LIFETIME_SECONDS,
      }));
    } catch (err) {
      const code = jwtFailureCode(err);
      throw await refuse(this.db, 401, code, `client_assertion refused: ${jwtFailureMessage(err)}`, {
        actor: clientId,
        details: { method: 'private_key_jwt' },
      });
    }
    const exp = new Date((payload.exp as number) * 1000);
    if (exp.getTime() - this.now().getTime() > MAX_ASSERTION_LIFETIME_SECONDS * 1000) {
      throw await refuse(
        this.db,
        401,
        'TOKEN_LIFETIME_TOO_LONG',
        `client_assertion must expire within ${MAX_ASSERTION_LIFETIME_SECONDS} s`,
        { actor: clientId },
      );
    }
    if (!(await markUsedOnce(this.db, 'jti', `${clientId}:${String(payload.jti)}`, exp))) {
      throw await refuse(this.db, 401, 'TOKEN_REPLAYED', 'client_assertion jti was already used', {
        actor: clientId,
        details: { jti: payload.jti },
      });
    }
    authLogins.inc({ method: 'private_key_jwt' });
    return client;
  }

  /** Mutual TLS: the TLS layer verified the chain against TLS_CLIENT_CA; we map the certificate to a registered client. */
  async byCertificate(sha256: string): Promise<MinistryClient | null> {
    const client = await clientsStore.byCertificate(this.db, sha256);
    return client && client.status === 'active' ? client : null;
  }

  async get(clientId: string): Promise<MinistryClient | null> {
    return clientsStore.get(this.db, clientId);
  }

  /**
   * What indicators a caller may touch, as a predicate read once (a ministry import asks for
   * every mapped code): a client's explicit list or anchored pattern; people are not limited.
   */
  async indicatorFilter(principal: Principal): Promise<(indicatorCode: string) => boolean> {
    if (principal.kind !== 'client') return () => true;
    const client = await this.registration(principal.id);
    if (!client) return () => false;
    const listed = new Set(client.indicatorCodes);
    // Anchored: a pattern names whole codes, so "^NN" cannot leak "XNN..." by accident.
    const pattern = client.indicatorPattern !== null ? new RegExp(`^(?:${client.indicatorPattern})$`) : null;
    return (code) => listed.has(code) || (pattern !== null && pattern.test(code));
  }

  private async registration(clientId: string): Promise<MinistryClient | null> {
    const at = this.now().getTime();
    const hit = this.recent.get(clientId);
    if (hit && hit.until > at) return hit.client;
    const client = await clientsStore.get(this.db, clientId);
    if (this.cacheMs > 0) {
      if (this.recent.size >= 1000) this.recent.clear();
      this.recent.set(clientId, { client, until: at + this.cacheMs });
    }
    return client;
  }

  /** Whether a caller may touch one indicator (see `indicatorFilter`). */
  async allowsIndicator(principal: Principal, indicatorCode: string): Promise<boolean> {
    return (await this.indicatorFilter(principal))(indicatorCode);
  }

  private assertAdmin(actor: Principal): void {
    if (actor.kind !== 'user' || !actor.roles.includes('admin'))
      throw new ForbiddenError('ROLE_FORBIDDEN', 'Requires one of the roles: admin', { required: ['admin'] });
  }

  private checkPattern(pattern: string): void {
    try {
      new RegExp(pattern);
    } catch (err) {
      throw new ValidationError(
        'INDICATOR_PATTERN_INVALID',
        `indicatorPattern is not a valid regular expression: ${(err as Error).message}`,
      );
    }
  }
}
