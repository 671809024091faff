import { describe, expect, it } from 'vitest';
import type { EdxmlDocument } from '../../src/channels/edoc/edxml-types.js';
import { EdocInbox, MAX_HELD, type HeldDocument } from '../../src/sim/edoc/inbox.js';

const document = { from: { organId: '000.00.00.H29' }, to: [{ organId: '000.00.01.H29' }] } as EdxmlDocument;
const held = (documentId: string, statusCode = '01'): HeldDocument => ({
  documentId,
  document,
  xml: '<edXML/>',
  systemId: 'lienthong',
  receivedAt: '2027-02-01T00:00:00Z',
  statuses: [{ statusCode, description: '', timestamp: '2027/02/01 07:00:00' }],
});
const walk = (inbox: EdocInbox, doc: HeldDocument, polls: number) =>
  Array.from({ length: polls }, () => inbox.advance(doc, '2027/02/01 08:00:00').statusCode);

describe('simulated e-document inbox', () => {
  it('moves an arrived document along the progression, one step per poll, then stays done', () => {
    const inbox = new EdocInbox(['03', '04', '06']);
    expect(walk(inbox, inbox.hold(held('a')), 5)).toEqual(['03', '04', '06', '06', '06']);
  });

  it('never moves refused, recalled or manual-only documents', () => {
    const inbox = new EdocInbox(['03', '06']);
    expect(walk(inbox, inbox.hold(held('r', '02')), 2)).toEqual(['02', '02']);
    expect(walk(inbox, inbox.hold(held('x', '13')), 2)).toEqual(['13', '13']);
    const manual = new EdocInbox([]);
    expect(walk(manual, manual.hold(held('m')), 2)).toEqual(['01', '01']);
  });

  it('keeps at most MAX_HELD documents, dropping the oldest', () => {
    const inbox = new EdocInbox(['03']);
    for (let i = 0; i <= MAX_HELD; i++) inbox.hold(held(`d${i}`));
    expect(inbox.list()).toHaveLength(MAX_HELD);
    expect(inbox.get('d0')).toBeUndefined();
    expect(inbox.get(`d${MAX_HELD}`)).toBeDefined();
  });
});
