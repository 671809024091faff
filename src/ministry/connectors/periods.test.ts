import { describe, expect, it } from 'vitest';
import type { ConnectorDefinition } from './definition.js';
import { connectorPeriod } from './periods.js';

const def = (periodKind: ConnectorDefinition['periodKind'], periodOffset?: number): ConnectorDefinition => ({
  id: 'x',
  name: 'x',
  ministry: 'BNNMT',
  direction: 'pull',
  auth: { type: 'none' },
  indicators: ['0303'],
  periodKind,
  ...(periodOffset === undefined ? {} : { periodOffset }),
});

describe('connectorPeriod', () => {
  it('takes the period being reported on, or the one before it', () => {
    // 20 July 2026 (Vietnam time): the monthly window 15/07–14/08 is M08 under Decree 09/2019.
    const now = new Date('2026-07-20T03:00:00Z');
    expect(connectorPeriod(def('month'), now).key).toBe('2026-M08');
    expect(connectorPeriod(def('month', -1), now).key).toBe('2026-M07');
    expect(connectorPeriod(def('half_year'), now).key).toBe('2027-H1');
    expect(connectorPeriod(def('half_year', -1), now).key).toBe('2026-H1');
    expect(connectorPeriod(def('year', -1), now).key).toBe('2025-Y');
  });

  it('crosses the year boundary', () => {
    expect(connectorPeriod(def('quarter', -1), new Date('2027-01-05T03:00:00Z')).key).toBe('2026-Q4');
  });
});
