import { EICAR, ScannerUnavailableError, type FileScanner, type ScanVerdict } from './scanner.js';

/**
 * In-memory fake for unit tests: flags content containing one of its byte patterns (EICAR by
 * default), and can be switched "down" to exercise the fail-closed path.
 */
export class MemoryScanner implements FileScanner {
  readonly name = 'memory';
  down = false;
  readonly scanned: Buffer[] = [];
  private readonly patterns: { signature: string; bytes: Buffer }[];

  constructor(patterns: Record<string, string> = { 'Eicar-Test-Signature': EICAR }) {
    this.patterns = Object.entries(patterns).map(([signature, text]) => ({ signature, bytes: Buffer.from(text, 'latin1') }));
  }

  async scan(content: Buffer): Promise<ScanVerdict> {
    if (this.down) throw new ScannerUnavailableError('memory scanner is down');
    this.scanned.push(content);
    const hit = this.patterns.find((p) => content.includes(p.bytes));
    return hit ? { clean: false, signature: hit.signature } : { clean: true };
  }

  async ping(): Promise<void> {
    if (this.down) throw new ScannerUnavailableError('memory scanner is down');
  }
}
