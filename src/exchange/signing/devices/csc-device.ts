import axios, { type AxiosInstance } from 'axios';
import { ConflictError, UnavailableError, ValidationError } from '../../../shared/errors.js';
import { certificateFromDerBase64, type Certificate } from '../../pki/certificates.js';
import { assertSha256, type SignatureDevice, type SigningAuthorization } from './port.js';

export interface CscOptions {
  /** Service base URL; the API lives under `<baseUrl>/csc/v2/`. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  credentialID: string;
  timeoutMs?: number;
}

const SHA256 = '2.16.840.1.101.3.4.2.1';
const RSA = '1.2.840.113549.1.1.1';

/**
 * Remote signing (ký số từ xa) over the Cloud Signature Consortium API v2: the key stays with
 * the trust service provider; the signer confirms each signature with the OTP the service sends
 * to their phone. First call without an OTP: credentials/sendOTP, then SIGNING_CONFIRMATION_REQUIRED
 * (the leader enters the code and approves again); with the OTP: credentials/authorize (PIN + OTP,
 * one hash, SCAL2) → SAD → signatures/signHash.
 */
export class CscDevice implements SignatureDevice {
  readonly kind = 'csc' as const;
  readonly label: string;
  private readonly http: AxiosInstance;
  private token?: string;
  private chain?: Certificate[];

  constructor(private readonly options: CscOptions) {
    this.label = `csc:${options.credentialID}`;
    this.http = axios.create({
      baseURL: `${options.baseUrl.replace(/\/$/, '')}/csc/v2/`,
      timeout: options.timeoutMs ?? 10_000,
      validateStatus: () => true,
    });
  }

  private async call<T>(method: string, body: object, retried = false): Promise<T> {
    if (!this.token && method !== 'auth/login') await this.login();
    let res;
    try {
      res = await this.http.post<T & { error?: string; error_description?: string }>(method, body, {
        headers: { authorization: `Bearer ${this.token}` },
      });
    } catch (err) {
      throw new UnavailableError('SIGNING_DEVICE_UNAVAILABLE', `Dịch vụ ký số từ xa không phản hồi (${(err as Error).message})`, {
        method,
      });
    }
    if (res.status === 401 && !retried) {
      this.token = undefined;
      return this.call(method, body, true);
    }
    if (res.status >= 500 || res.status === 429)
      throw new UnavailableError('SIGNING_DEVICE_UNAVAILABLE', `Dịch vụ ký số từ xa đang lỗi (HTTP ${res.status})`, {
        method,
        status: res.status,
      });
    if (res.status >= 400) {
      const error = res.data?.error ?? 'invalid_request';
      if (error === 'invalid_otp')
        throw new ValidationError(
          'SIGNING_CONFIRMATION_INVALID',
          'Mã xác nhận (OTP) không đúng hoặc đã hết hạn; hãy yêu cầu mã mới',
          { method },
          422,
        );
      if (error === 'invalid_pin') throw new ValidationError('SIGNING_PIN_INVALID', 'Mã PIN ký số từ xa không đúng', { method }, 422);
      throw new ValidationError(
        'SIGNING_REMOTE_REFUSED',
        `Dịch vụ ký số từ xa từ chối: ${res.data?.error_description ?? error}`,
        { method, error },
        502,
      );
    }
    return res.data;
  }

  private async login(): Promise<void> {
    const basic = Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`).toString('base64');
    let res;
    try {
      res = await this.http.post<{ access_token?: string }>('auth/login', {}, { headers: { authorization: `Basic ${basic}` } });
    } catch (err) {
      throw new UnavailableError('SIGNING_DEVICE_UNAVAILABLE', `Dịch vụ ký số từ xa không phản hồi (${(err as Error).message})`);
    }
    if (res.status !== 200 || !res.data.access_token)
      throw new ValidationError('SIGNING_CONFIG_INVALID', `CSC auth/login refused (HTTP ${res.status})`, { status: res.status }, 502);
    this.token = res.data.access_token;
  }

  async certificateChain(): Promise<Certificate[]> {
    if (!this.chain) {
      const info = await this.call<{ cert?: { certificates?: string[] } }>('credentials/info', {
        credentialID: this.options.credentialID,
        certificates: 'chain',
        certInfo: true,
        authInfo: true,
      });
      const certs = info.cert?.certificates ?? [];
      if (certs.length === 0)
        throw new ValidationError('SIGNING_CONFIG_INVALID', `CSC credential ${this.options.credentialID} has no certificate`);
      this.chain = certs.map(certificateFromDerBase64);
    }
    return this.chain;
  }

  async signDigest(digest: Buffer, authorization?: SigningAuthorization): Promise<Buffer> {
    assertSha256(digest);
    const credentialID = this.options.credentialID;
    if (!authorization?.otp) {
      await this.call('credentials/sendOTP', { credentialID });
      throw new ConflictError(
        'SIGNING_CONFIRMATION_REQUIRED',
        'Mã xác nhận (OTP) đã được gửi đến điện thoại của người ký: nhập mã để hoàn tất ký số',
        { credentialID },
      );
    }
    if (!authorization.pin) throw new ValidationError('SIGNING_PIN_REQUIRED', 'Cần nhập mã PIN ký số từ xa', { credentialID }, 422);
    const hashes = [digest.toString('base64')];
    const { SAD } = await this.call<{ SAD: string }>('credentials/authorize', {
      credentialID,
      numSignatures: 1,
      hashes,
      hashAlgorithmOID: SHA256,
      authData: [
        { id: 'PIN', value: authorization.pin },
        { id: 'OTP', value: authorization.otp },
      ],
    });
    const { signatures } = await this.call<{ signatures: string[] }>('signatures/signHash', {
      credentialID,
      SAD,
      hashes,
      hashAlgorithmOID: SHA256,
      signAlgo: RSA,
    });
    if (!signatures?.[0])
      throw new ValidationError('SIGNING_REMOTE_REFUSED', 'Dịch vụ ký số từ xa không trả về chữ ký', { credentialID }, 502);
    return Buffer.from(signatures[0], 'base64');
  }
}
