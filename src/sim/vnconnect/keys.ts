import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  /** Still published until then after a rotation (null = the current key). */
  retiredUntil: Date | null;
}

/**
 * The simulator's ID-token signing keys. Rotation makes a new key current and keeps the old one
 * in the JWKS for a grace period, so tokens signed just before the rotation still verify.
 */
export class KeyRing {
  private keys: SigningKey[] = [];

  constructor(
    private readonly graceSeconds: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async init(): Promise<void> {
    if (this.keys.length === 0) this.keys.push(await this.newKey());
  }

  get current(): SigningKey {
    const key = this.keys.find((k) => k.retiredUntil === null);
    if (!key) throw new Error('KeyRing not initialised');
    return key;
  }

  async rotate(): Promise<{ kid: string; retired: string[] }> {
    const at = this.now();
    const retiredUntil = new Date(at.getTime() + this.graceSeconds * 1000);
    for (const k of this.keys) if (k.retiredUntil === null) k.retiredUntil = retiredUntil;
    const fresh = await this.newKey();
    this.keys.push(fresh);
    return { kid: fresh.kid, retired: this.keys.filter((k) => k !== fresh).map((k) => k.kid) };
  }

  /** Public keys in force: the current one and those still inside their grace period. */
  jwks(): { keys: JWK[] } {
    const at = this.now();
    this.keys = this.keys.filter((k) => k.retiredUntil === null || k.retiredUntil > at);
    return { keys: this.keys.map((k) => k.publicJwk) };
  }

  async sign(claims: JWTPayload, lifetimeSeconds: number): Promise<string> {
    const key = this.current;
    const iat = Math.floor(this.now().getTime() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .setIssuedAt(iat)
      .setExpirationTime(iat + lifetimeSeconds)
      .sign(key.privateKey);
  }

  /** Test hook: the current private key, so attack tests can mint well-signed but otherwise bad tokens. */
  currentPrivateKey(): { kid: string; privateKey: CryptoKey; publicJwk: JWK } {
    return this.current;
  }

  private async newKey(): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
    const kid = randomBytes(8).toString('hex');
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    return { kid, privateKey, publicJwk, retiredUntil: null };
  }
}
