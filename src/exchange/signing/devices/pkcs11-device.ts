import { createRequire } from 'node:module';
import type * as Pkcs11Types from 'pkcs11js';
import { AppError, UnavailableError, ValidationError } from '../../../shared/errors.js';
import { certificateFromDerBase64, type Certificate } from '../../pki/certificates.js';
import { assertSha256, SHA256_DIGEST_INFO, type SignatureDevice, type SigningAuthorization } from './port.js';

type Pkcs11Module = typeof Pkcs11Types;
// The native addon is loaded only when a PKCS#11 credential is configured.
const load = (): Pkcs11Module => createRequire(import.meta.url)('pkcs11js') as Pkcs11Module;

export interface Pkcs11Options {
  /** The vendor's PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so. */
  module: string;
  /** Token label (CKA_LABEL of the token, as initialised). */
  tokenLabel: string;
  /** CKA_LABEL of the private key and of its certificate on the token. */
  keyLabel: string;
  /** User PIN from configuration (organisation key); a person's PIN comes with each signature instead. */
  pin?: string;
  /** Issuer certificates to append to the token's leaf (the token usually holds only the leaf). */
  issuers?: Certificate[];
}

/** One C_Initialize per library and process (PKCS#11 allows no second one). */
const libraries = new Map<string, Pkcs11Types.PKCS11>();

function library(path: string): Pkcs11Types.PKCS11 {
  let lib = libraries.get(path);
  if (!lib) {
    const pkcs11 = load();
    lib = new pkcs11.PKCS11();
    try {
      lib.load(path);
      lib.C_Initialize();
    } catch (err) {
      throw new UnavailableError('SIGNING_DEVICE_UNAVAILABLE', `PKCS#11 library ${path} cannot be loaded: ${(err as Error).message}`, {
        module: path,
      });
    }
    libraries.set(path, lib);
  }
  return lib;
}

function pkcs11Code(err: unknown): number | undefined {
  return typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : undefined;
}

/**
 * A key on a PKCS#11 token (the shape of the USB tokens Ban Cơ yếu issues; SoftHSM2 in tests).
 * Each signature opens a session, logs in with the PIN, signs DigestInfo||digest with
 * CKM_RSA_PKCS and closes the session: the key never leaves the token.
 */
export class Pkcs11Device implements SignatureDevice {
  readonly kind = 'pkcs11' as const;
  readonly label: string;
  private chain?: Certificate[];

  constructor(private readonly options: Pkcs11Options) {
    this.label = `${options.tokenLabel}/${options.keyLabel}`;
  }

  private withSession<T>(pin: string | undefined, fn: (lib: Pkcs11Types.PKCS11, session: Buffer, pkcs11: Pkcs11Module) => T): T {
    const pkcs11 = load();
    const lib = library(this.options.module);
    const slot = lib.C_GetSlotList(true).find((s) => lib.C_GetTokenInfo(s).label.trim() === this.options.tokenLabel);
    if (!slot)
      throw new UnavailableError(
        'SIGNING_DEVICE_UNAVAILABLE',
        `Không tìm thấy thiết bị ký số (token "${this.options.tokenLabel}"): hãy cắm token và thử lại`,
        { token: this.options.tokenLabel },
      );
    const session = lib.C_OpenSession(slot, pkcs11.CKF_SERIAL_SESSION);
    try {
      if (pin !== undefined) {
        try {
          lib.C_Login(session, pkcs11.CKU_USER, pin);
        } catch (err) {
          const code = pkcs11Code(err);
          if (code === pkcs11.CKR_PIN_INCORRECT || code === pkcs11.CKR_PIN_LEN_RANGE)
            throw new ValidationError(
              'SIGNING_PIN_INVALID',
              'Mã PIN của thiết bị ký số không đúng',
              { token: this.options.tokenLabel },
              422,
            );
          if (code === pkcs11.CKR_PIN_LOCKED)
            throw new ValidationError(
              'SIGNING_PIN_LOCKED',
              'Thiết bị ký số đã bị khóa do nhập sai PIN quá số lần cho phép',
              { token: this.options.tokenLabel },
              423,
            );
          if (code !== pkcs11.CKR_USER_ALREADY_LOGGED_IN) throw err;
        }
      }
      return fn(lib, session, pkcs11);
    } finally {
      try {
        lib.C_Logout(session);
      } catch {
        /* not logged in */
      }
      lib.C_CloseSession(session);
    }
  }

  private find(lib: Pkcs11Types.PKCS11, session: Buffer, template: Pkcs11Types.Template): Buffer | null {
    lib.C_FindObjectsInit(session, template);
    try {
      return lib.C_FindObjects(session);
    } finally {
      lib.C_FindObjectsFinal(session);
    }
  }

  async certificateChain(): Promise<Certificate[]> {
    return this.certificateChainSync();
  }

  /** PKCS#11 calls are synchronous: the organisation's packet key is read at start, before any await. */
  certificateChainSync(): Certificate[] {
    if (!this.chain) {
      const der = this.withSession(undefined, (lib, session, pkcs11) => {
        const handle = this.find(lib, session, [
          { type: pkcs11.CKA_CLASS, value: pkcs11.CKO_CERTIFICATE },
          { type: pkcs11.CKA_LABEL, value: this.options.keyLabel },
        ]);
        if (!handle)
          throw new ValidationError(
            'SIGNING_CONFIG_INVALID',
            `Token ${this.options.tokenLabel} holds no certificate labelled ${this.options.keyLabel}`,
            { token: this.options.tokenLabel },
          );
        return lib.C_GetAttributeValue(session, handle, [{ type: pkcs11.CKA_VALUE }])[0]!.value as Buffer;
      });
      this.chain = [certificateFromDerBase64(der.toString('base64')), ...(this.options.issuers ?? [])];
    }
    return this.chain;
  }

  async signDigest(digest: Buffer, authorization?: SigningAuthorization): Promise<Buffer> {
    return this.signDigestSync(digest, authorization);
  }

  /** The same signature without a promise: forge's CMS signer (attachments of packets) calls it synchronously. */
  signDigestSync(digest: Buffer, authorization?: SigningAuthorization): Buffer {
    assertSha256(digest);
    const pin = authorization?.pin ?? this.options.pin;
    if (pin === undefined || pin === '')
      throw new ValidationError(
        'SIGNING_PIN_REQUIRED',
        'Cần nhập mã PIN của thiết bị ký số để ký',
        { token: this.options.tokenLabel },
        422,
      );
    try {
      return this.withSession(pin, (lib, session, pkcs11) => {
        const key = this.find(lib, session, [
          { type: pkcs11.CKA_CLASS, value: pkcs11.CKO_PRIVATE_KEY },
          { type: pkcs11.CKA_LABEL, value: this.options.keyLabel },
        ]);
        if (!key)
          throw new ValidationError(
            'SIGNING_CONFIG_INVALID',
            `Token ${this.options.tokenLabel} holds no private key labelled ${this.options.keyLabel}`,
            { token: this.options.tokenLabel },
          );
        lib.C_SignInit(session, { mechanism: pkcs11.CKM_RSA_PKCS }, key);
        return Buffer.from(lib.C_Sign(session, Buffer.concat([SHA256_DIGEST_INFO, digest]), Buffer.alloc(1024)));
      });
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new UnavailableError('SIGNING_DEVICE_UNAVAILABLE', `PKCS#11 signing failed on ${this.label}: ${(err as Error).message}`, {
        token: this.options.tokenLabel,
      });
    }
  }
}
