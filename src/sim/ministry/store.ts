/** What the ministry simulator serves and what it has received, in the ministry's own codes. */
export interface SimObservation {
  indicatorCode: string;
  value: number | null;
  unit: string;
  column?: string;
  orgCode?: string;
  disaggregation?: Record<string, string>;
}

export interface SimPeriod {
  kind: string;
  year: number;
  index?: number;
}

export interface ReceivedPush {
  id: string;
  /** The sender's Idempotency-Key, when it sent one: a repeat with the same key is not stored again. */
  idempotencyKey?: string;
  receivedAt: string;
  packetType: string;
  rows: number;
  body: unknown;
}

const periodKey = (p: SimPeriod) => `${p.kind}|${p.year}|${p.index ?? ''}`;

/** In-memory holdings of a simulated ministry reporting system. */
export class MinistrySimStore {
  private readonly values = new Map<string, SimObservation[]>();
  readonly received: ReceivedPush[] = [];

  set(period: SimPeriod, observations: SimObservation[]): void {
    this.values.set(periodKey(period), observations);
  }

  get(period: SimPeriod): SimObservation[] {
    return this.values.get(periodKey(period)) ?? [];
  }

  periods(): SimPeriod[] {
    return [...this.values.keys()].map((k) => {
      const [kind, year, index] = k.split('|');
      return { kind: kind!, year: Number(year), ...(index ? { index: Number(index) } : {}) };
    });
  }

  receive(push: ReceivedPush): void {
    this.received.push(push);
  }

  byKey(idempotencyKey: string): ReceivedPush | undefined {
    return this.received.find((p) => p.idempotencyKey === idempotencyKey);
  }
}
