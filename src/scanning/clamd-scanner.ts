import { clamdInstream, clamdPing, describeAddress, type ClamdClientOptions } from './clamd-client.js';
import type { FileScanner, ScanVerdict } from './scanner.js';

/** ClamAV through clamd (Debian's clamav-daemon), over its unix socket or TCP. */
export class ClamdScanner implements FileScanner {
  readonly name: string;
  constructor(private readonly options: ClamdClientOptions) {
    this.name = `clamd ${describeAddress(options.address)}`;
  }

  scan(content: Buffer): Promise<ScanVerdict> {
    return clamdInstream(this.options, content);
  }

  ping(): Promise<void> {
    return clamdPing(this.options);
  }
}
