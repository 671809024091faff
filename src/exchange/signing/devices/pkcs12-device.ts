import type { Certificate } from '../../pki/certificates.js';
import { loadP12Credentials, type SigningCredentials } from '../../pki/credentials.js';
import { assertSha256, type SignatureDevice } from './port.js';

/**
 * A personal PKCS#12 file (or PEM pair) held by the gateway: the key is a native KeyObject,
 * the RSA PKCS#1 operation over DigestInfo is `privateEncrypt` (node:crypto, never forge).
 */
export class Pkcs12Device implements SignatureDevice {
  readonly kind = 'pkcs12' as const;
  constructor(
    private readonly credentials: SigningCredentials,
    readonly label: string,
  ) {}

  static open(file: string, password: string): Pkcs12Device {
    return new Pkcs12Device(loadP12Credentials(file, password), file);
  }

  async certificateChain(): Promise<Certificate[]> {
    return this.credentials.chain;
  }

  async signDigest(digest: Buffer): Promise<Buffer> {
    assertSha256(digest);
    return this.credentials.signDigest(digest);
  }
}
