import canonicalize from 'canonicalize';
import { ValidationError } from '../../shared/errors.js';

/** RFC 8785 (JCS) canonical JSON: the exact bytes a packet signature covers. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new ValidationError('PACKET_NOT_SERIALIZABLE', 'Packet cannot be serialised to canonical JSON');
  return text;
}
