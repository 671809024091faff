import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import express from 'express';
import { REPO_ROOT } from '../repo-root.js';
import { FaultSwitch, faultControlRouter, faultStage } from '../faults.js';
import { listenSimulator, type SimulatorDefinition } from '../simulator.js';

const run = promisify(execFile);
const PKI = join(REPO_ROOT, 'fixtures', 'pki');
/** Test policy OID of the simulated TSA (private arc, THỬ NGHIỆM). */
export const SIM_TSA_POLICY = '1.3.6.1.4.1.99999.3161.1';

function tsaConfig(dir: string, cert: string, key: string, chain: string): string {
  return [
    '[tsa]',
    'default_tsa = sim',
    '[sim]',
    `serial = ${join(dir, 'serial')}`,
    'crypto_device = builtin',
    `signer_cert = ${cert}`,
    `certs = ${chain}`,
    `signer_key = ${key}`,
    'signer_digest = sha256',
    `default_policy = ${SIM_TSA_POLICY}`,
    'digests = sha256, sha384, sha512',
    'accuracy = secs:1',
    'ordering = no',
    'tsa_name = yes',
    'ess_cert_id_chain = no',
    'ess_cert_id_alg = sha256',
    '',
  ].join('\n');
}

/**
 * Time-stamping authority (RFC 3161) simulator: `POST /` (or `/tsa`) with an
 * application/timestamp-query answers the application/timestamp-reply that OpenSSL's own
 * `openssl ts -reply` produces with the test TSA certificate (extendedKeyUsage timeStamping):
 * the ASN.1 comes from an implementation independent of the gateway's client. Requests are
 * answered one at a time (OpenSSL increments a serial file). Settings: SIM_TSA_CERT,
 * SIM_TSA_KEY, SIM_TSA_CHAIN (default the test PKI's tsa.crt.pem, tsa.key.pem, ca.crt.pem).
 * `GET /_sim/tsa` shows how many tokens were issued.
 */
export const tsaSimulator: SimulatorDefinition = {
  name: 'tsa',
  description: 'Dịch vụ cấp dấu thời gian (RFC 3161 time-stamping authority, openssl ts)',
  async start(options) {
    const dir = mkdtempSync(join(tmpdir(), 'lienthong-sim-tsa-'));
    writeFileSync(join(dir, 'serial'), '01\n');
    const config = join(dir, 'tsa.cnf');
    writeFileSync(
      config,
      tsaConfig(
        dir,
        options.env.SIM_TSA_CERT ?? join(PKI, 'tsa.crt.pem'),
        options.env.SIM_TSA_KEY ?? join(PKI, 'tsa.key.pem'),
        options.env.SIM_TSA_CHAIN ?? join(PKI, 'ca.crt.pem'),
      ),
    );
    let issued = 0;
    let queue: Promise<unknown> = Promise.resolve();
    let seq = 0;
    const reply = (query: Buffer): Promise<Buffer> => {
      const job = queue.then(async () => {
        const n = seq++;
        const q = join(dir, `q${n}.tsq`);
        const r = join(dir, `r${n}.tsr`);
        writeFileSync(q, query);
        try {
          await run('openssl', ['ts', '-reply', '-config', config, '-queryfile', q, '-out', r]);
          return await readFile(r);
        } finally {
          rmSync(q, { force: true });
          rmSync(r, { force: true });
        }
      });
      queue = job.catch(() => undefined);
      return job;
    };
    const faults = new FaultSwitch();
    const app = express();
    app.disable('x-powered-by');
    app.use('/_sim', express.json());
    app.use(faultControlRouter(faults));
    app.get('/_sim/tsa', (_req, res) => {
      res.json({ issued });
    });
    app.use(faultStage(faults));
    const handler = async (req: express.Request, res: express.Response) => {
      if (!req.is('application/timestamp-query')) {
        res.status(415).json({ code: 'TSA_MEDIA_TYPE', message: 'Content-Type must be application/timestamp-query' });
        return;
      }
      const body = req.body as Buffer;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        res.status(400).json({ code: 'TSA_QUERY_EMPTY', message: 'Empty time-stamp query' });
        return;
      }
      try {
        const answer = await reply(body);
        issued += 1;
        res.type('application/timestamp-reply').send(answer);
      } catch (err) {
        // openssl refuses malformed queries: RFC 3161 wants a rejection status, a 400 says the same to a client.
        res.status(400).json({
          code: 'TSA_QUERY_INVALID',
          message: `openssl ts refused the query: ${(err as { stderr?: string }).stderr?.trim() ?? String(err)}`,
        });
      }
    };
    const raw = express.raw({ type: 'application/timestamp-query', limit: '64kb' });
    app.post('/', raw, handler);
    app.post('/tsa', raw, handler);
    const running = await listenSimulator('tsa', app, faults, options);
    return {
      ...running,
      close: async () => {
        await running.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};
