/**
 * Live progress of running imports, in memory: an atomic import writes in one transaction, so
 * its progress cannot be read back from the database until it commits. The imports table holds
 * the final state; this holds what is happening now (one gateway process).
 */
export class ImportProgress {
  private readonly running = new Map<string, { processed: number; total: number }>();

  start(id: string, total: number): void {
    this.running.set(id, { processed: 0, total });
  }

  advance(id: string, processed: number): void {
    const p = this.running.get(id);
    if (p) p.processed = processed;
  }

  get(id: string): { processed: number; total: number } | undefined {
    return this.running.get(id);
  }

  finish(id: string): void {
    this.running.delete(id);
  }
}
