import { execFileSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export interface TestToken {
  label: string;
  pin: string;
  dir: string;
  remove(): void;
}

/**
 * A private SoftHSM2 token in a temp dir (SOFTHSM2_CONF points there, set before the PKCS#11
 * library is first initialised in this process), holding each given key + certificate under
 * its label. The shared machine's tokens are never touched.
 */
export function createTestToken(label: string, pin: string, keys: { label: string; keyPem: string; certPem: string }[]): TestToken {
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-softhsm-'));
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  execFileSync('mkdir', ['-p', join(dir, 'tokens')]);
  process.env.SOFTHSM2_CONF = conf;
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', `${pin}-so`], {
    env,
    stdio: 'pipe',
  });
  keys.forEach((k, i) => {
    const id = (i + 1).toString(16).padStart(2, '0');
    const keyFile = join(dir, `${id}.key.pem`);
    writeFileSync(keyFile, createPrivateKey(k.keyPem).export({ type: 'pkcs8', format: 'pem' }));
    execFileSync('softhsm2-util', ['--import', keyFile, '--token', label, '--label', k.label, '--id', id, '--pin', pin], {
      env,
      stdio: 'pipe',
    });
    rmSync(keyFile);
    const der = Buffer.from(k.certPem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    const certFile = join(dir, `${id}.crt.der`);
    writeFileSync(certFile, der);
    execFileSync(
      'pkcs11-tool',
      [
        '--module',
        SOFTHSM_MODULE,
        '--token-label',
        label,
        '--login',
        '--pin',
        pin,
        '--write-object',
        certFile,
        '--type',
        'cert',
        '--id',
        id,
        '--label',
        k.label,
      ],
      { env, stdio: 'pipe' },
    );
  });
  return { label, pin, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const readPem = (file: string): string => readFileSync(file, 'utf8');
