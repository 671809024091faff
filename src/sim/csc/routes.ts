import { constants, privateEncrypt, randomBytes, X509Certificate } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { newOtp, type SimCredential } from './credentials.js';

export interface CscSimState {
  credentials: Map<string, SimCredential>;
  /** Basic auth of auth/login. */
  clientId: string;
  clientSecret: string;
  tokens: Set<string>;
  now: () => number;
}

const SHA256 = '2.16.840.1.101.3.4.2.1';
const RSA = '1.2.840.113549.1.1.1';
const SHA256_RSA = '1.2.840.113549.1.1.11';
const DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');
const OTP_TTL_MS = 5 * 60_000;
const SAD_TTL_MS = 5 * 60_000;

/** CSC error body (API v2 §10.1): `error` + `error_description`. */
function fail(res: Response, status: number, error: string, description: string): void {
  res.status(status).json({ error, error_description: description });
}

const certDer = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

/**
 * Cloud Signature Consortium API v2 (subset a signing application needs): info, auth/login,
 * credentials/list, credentials/info, credentials/sendOTP, credentials/authorize (PIN + OTP:
 * the signer confirms on their phone), signatures/signHash (the SAD is bound to the hashes
 * authorised and used once). The simulator checks what it receives with its own code.
 */
export function cscRouter(state: CscSimState): Router {
  const r = Router();
  r.post('/csc/v2/info', (_req, res) => {
    res.json({
      specs: '2.0.0.2',
      name: 'Dịch vụ ký số từ xa (THỬ NGHIỆM)',
      logo: '',
      region: 'VN',
      lang: 'vi',
      description: 'Simulated remote signing service',
      authType: ['basic'],
      methods: [
        'auth/login',
        'credentials/list',
        'credentials/info',
        'credentials/sendOTP',
        'credentials/authorize',
        'signatures/signHash',
      ],
    });
  });
  r.post('/csc/v2/auth/login', (req, res) => {
    const basic = /^Basic (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    const [id, secret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    if (id !== state.clientId || secret !== state.clientSecret) return fail(res, 401, 'invalid_client', 'Invalid client credentials');
    const token = randomBytes(24).toString('base64url');
    state.tokens.add(token);
    res.json({ access_token: token, expires_in: 3600 });
  });
  r.use('/csc/v2', (req, res, next) => {
    const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (!token || !state.tokens.has(token)) return fail(res, 401, 'invalid_token', 'Missing or invalid access token');
    next();
  });
  const credentialOf = (req: Request, res: Response): SimCredential | undefined => {
    const id = (req.body as { credentialID?: unknown } | undefined)?.credentialID;
    const c = typeof id === 'string' ? state.credentials.get(id) : undefined;
    if (!c) fail(res, 400, 'invalid_request', 'Invalid parameter credentialID');
    return c;
  };
  r.post('/csc/v2/credentials/list', (req, res) => {
    const userID = (req.body as { userID?: string }).userID;
    res.json({ credentialIDs: [...state.credentials.values()].filter((c) => !userID || c.userID === userID).map((c) => c.credentialID) });
  });
  r.post('/csc/v2/credentials/info', (req, res) => {
    const c = credentialOf(req, res);
    if (!c) return;
    const leaf = new X509Certificate(c.chainPem[0]!);
    const certificates = (req.body as { certificates?: string }).certificates ?? 'single';
    res.json({
      key: { status: 'enabled', algo: [RSA], len: 2048 },
      cert: {
        status: 'valid',
        certificates: (certificates === 'chain' ? c.chainPem : certificates === 'none' ? [] : c.chainPem.slice(0, 1)).map(certDer),
        issuerDN: leaf.issuer,
        serialNumber: leaf.serialNumber,
        subjectDN: leaf.subject,
        validFrom: leaf.validFrom,
        validTo: leaf.validTo,
      },
      auth: {
        mode: 'explicit',
        expression: 'PIN AND OTP',
        objects: [
          { type: 'Password', id: 'PIN', format: 'N', label: 'PIN' },
          { type: 'Password', id: 'OTP', format: 'N', generator: 'sms', label: 'Mã xác nhận (OTP)' },
        ],
      },
      SCAL: '2',
      multisign: 1,
      lang: 'vi',
    });
  });
  r.post('/csc/v2/credentials/sendOTP', (req, res) => {
    const c = credentialOf(req, res);
    if (!c) return;
    c.otp = { value: newOtp(), expiresAt: state.now() + OTP_TTL_MS };
    c.sent += 1;
    res.status(204).end();
  });
  r.post('/csc/v2/credentials/authorize', (req, res) => {
    const c = credentialOf(req, res);
    if (!c) return;
    const body = req.body as {
      numSignatures?: number;
      hashes?: string[];
      hashAlgorithmOID?: string;
      authData?: { id: string; value: string }[];
    };
    if (body.numSignatures !== 1 || !Array.isArray(body.hashes) || body.hashes.length !== 1)
      return fail(res, 400, 'invalid_request', 'numSignatures must be 1 with one hash (SCAL2)');
    if (body.hashAlgorithmOID !== SHA256) return fail(res, 400, 'invalid_request', 'hashAlgorithmOID must be SHA-256');
    const auth = new Map((body.authData ?? []).map((a) => [a.id, a.value]));
    if (auth.get('PIN') !== c.pin) return fail(res, 400, 'invalid_pin', 'The PIN is invalid');
    const otp = c.otp;
    if (!otp || otp.expiresAt < state.now() || auth.get('OTP') !== otp.value)
      return fail(res, 400, 'invalid_otp', 'The OTP is invalid or expired');
    c.otp = undefined; // one use
    c.sad = { value: randomBytes(24).toString('base64url'), hashes: body.hashes, expiresAt: state.now() + SAD_TTL_MS };
    res.json({ SAD: c.sad.value, expiresIn: SAD_TTL_MS / 1000 });
  });
  r.post('/csc/v2/signatures/signHash', (req, res) => {
    const c = credentialOf(req, res);
    if (!c) return;
    const body = req.body as { SAD?: string; hashes?: string[]; hashAlgorithmOID?: string; signAlgo?: string };
    const sad = c.sad;
    if (!sad || sad.value !== body.SAD || sad.expiresAt < state.now()) return fail(res, 400, 'invalid_request', 'Invalid or expired SAD');
    if (JSON.stringify(body.hashes) !== JSON.stringify(sad.hashes))
      return fail(res, 400, 'invalid_request', 'Hashes differ from the authorised ones');
    if (body.signAlgo !== RSA && body.signAlgo !== SHA256_RSA) return fail(res, 400, 'invalid_request', 'Unsupported signAlgo');
    c.sad = undefined;
    const signatures = sad.hashes.map((h) =>
      privateEncrypt({ key: c.key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([DIGEST_INFO, Buffer.from(h, 'base64')])).toString(
        'base64',
      ),
    );
    res.json({ signatures });
  });
  return r;
}

/** Test hooks: `GET /_sim/otp/:credentialID` plays the signer's phone (the last OTP sent). */
export function cscControlRouter(state: CscSimState): Router {
  const r = Router();
  r.get('/_sim/otp/:credentialID', (req, res) => {
    const c = state.credentials.get(req.params.credentialID!);
    if (!c?.otp) return fail(res, 404, 'not_found', 'No OTP pending for this credential');
    res.json({ otp: c.otp.value, sent: c.sent });
  });
  return r;
}
