import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

export interface IssuedCertificate {
  keyPem: string;
  certPem: string;
}

interface CertOptions {
  commonName: string;
  /** Signs with this CA; self-signed when absent. */
  issuer?: IssuedCertificate;
  ca?: boolean;
  serverAltName?: string;
}

/** Test PKI: a CA, client and server certificates for private_key_jwt and mutual-TLS tests. */
export function issueCertificate(options: CertOptions): IssuedCertificate {
  // Native key generation: forge's pure-JS RSA keygen costs seconds per key on a busy CI machine.
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keys = {
    privateKey: forge.pki.privateKeyFromPem(pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()),
    publicKey: forge.pki.publicKeyFromPem(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString()),
  };
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(8))}`;
  cert.validity.notBefore = new Date(Date.now() - 3600_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 86400_000);
  const subject = [
    { name: 'commonName', value: options.commonName },
    { name: 'countryName', value: 'VN' },
  ];
  cert.setSubject(subject);
  const issuerCert = options.issuer ? forge.pki.certificateFromPem(options.issuer.certPem) : undefined;
  cert.setIssuer(issuerCert ? issuerCert.subject.attributes : subject);
  const extensions: object[] = [{ name: 'basicConstraints', cA: options.ca === true }];
  if (options.ca) extensions.push({ name: 'keyUsage', keyCertSign: true, digitalSignature: true });
  else if (options.serverAltName)
    extensions.push(
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: options.serverAltName }] },
    );
  else extensions.push({ name: 'keyUsage', digitalSignature: true }, { name: 'extKeyUsage', clientAuth: true });
  cert.setExtensions(extensions);
  const signer = options.issuer ? forge.pki.privateKeyFromPem(options.issuer.keyPem) : keys.privateKey;
  cert.sign(signer, forge.md.sha256.create());
  // PKCS#8, the form jose's importPKCS8 and most HSM exports use.
  const keyPem = createPrivateKey(forge.pki.privateKeyToPem(keys.privateKey)).export({ type: 'pkcs8', format: 'pem' }).toString();
  return { keyPem, certPem: forge.pki.certificateToPem(cert) };
}
