import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from '../repo-root.js';
import { FaultSwitch } from '../faults.js';
import type { RunningSimulator, SimulatorDefinition } from '../simulator.js';

const PKI = join(REPO_ROOT, 'fixtures', 'pki');

async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Waits for OpenSSL's "waiting for OCSP client connections" (a probe connection would hold its single-threaded loop). */
async function listening(child: ChildProcess, stderr: () => string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (child.exitCode !== null) throw new Error(`openssl ocsp exited (${child.exitCode}): ${stderr()}`);
    if (stderr().includes('waiting for OCSP client connections')) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`openssl ocsp did not start: ${stderr()}`);
}

/**
 * The real OpenSSL OCSP responder (`openssl ocsp -index … -port`) over the test CA's database
 * (fixtures/pki/ocsp-index.txt; OpenSSL rereads it when it changes, so a test can revoke a
 * certificate while it runs), signing with the delegated responder certificate (EKU
 * OCSPSigning). Settings: SIM_OCSP_INDEX, SIM_OCSP_CA, SIM_OCSP_SIGNER, SIM_OCSP_KEY, SIM_OCSP_PORT.
 * The fault switch is held for the shared interface; OpenSSL's own server has no fault modes
 * (stop it with close() to simulate an outage).
 */
export const ocspSimulator: SimulatorDefinition = {
  name: 'ocsp',
  description: 'Máy chủ OCSP (openssl ocsp, test CA)',
  async start(options) {
    const port = options.port || (await freePort(options.host));
    const args = [
      'ocsp',
      '-index',
      options.env.SIM_OCSP_INDEX ?? join(PKI, 'ocsp-index.txt'),
      '-port',
      String(port),
      '-CA',
      options.env.SIM_OCSP_CA ?? join(PKI, 'ca.crt.pem'),
      '-rsigner',
      options.env.SIM_OCSP_SIGNER ?? join(PKI, 'ocsp.crt.pem'),
      '-rkey',
      options.env.SIM_OCSP_KEY ?? join(PKI, 'ocsp.key.pem'),
      '-nmin',
      '60',
      '-ignore_err',
    ];
    const child = spawn('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err = (err + d.toString()).slice(-2000);
    });
    await listening(child, () => err);
    const running: RunningSimulator = {
      name: 'ocsp',
      url: `http://${options.host}:${port}`,
      faults: new FaultSwitch(),
      close: () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    };
    return running;
  },
};
