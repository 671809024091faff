import { Parser } from 'xml2js';
import { ValidationError } from '../../shared/errors.js';

/**
 * Refuses what XML parsers have been abused with before any parser sees it: a DOCTYPE (internal
 * entities = billion laughs, external entities = XXE) or an ENTITY declaration. Ministry data
 * never needs either, so the refusal is unconditional and nothing of the body is parsed.
 */
export function assertSafeXml(xml: string): void {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw new ValidationError('XML_FORBIDDEN_CONSTRUCT', 'XML must not contain a DOCTYPE or entity declarations (XXE, entity expansion)');
  }
}

/** An element as xml2js gives it: attributes in `$`, text in `_`, children in arrays. */
export interface XmlElement {
  $?: Record<string, string>;
  _?: string;
  [child: string]: XmlElement[] | Record<string, string> | string | undefined;
}

export function childElements(node: XmlElement | undefined, name: string): XmlElement[] {
  const v = node?.[name];
  return Array.isArray(v) ? v : [];
}

/** Parses after `assertSafeXml`; a malformed document is XML_MALFORMED naming the parser's complaint. */
export async function parseSafeXml(xml: string): Promise<{ rootName: string; root: XmlElement }> {
  assertSafeXml(xml);
  const parser = new Parser({ explicitArray: true, explicitCharkey: true, strict: true });
  let parsed: Record<string, XmlElement> | null;
  try {
    parsed = (await parser.parseStringPromise(xml)) as Record<string, XmlElement> | null;
  } catch (err) {
    throw new ValidationError('XML_MALFORMED', `XML is not well-formed: ${(err as Error).message.split('\n')[0]}`);
  }
  const rootName = parsed ? Object.keys(parsed)[0] : undefined;
  if (!parsed || !rootName) throw new ValidationError('XML_MALFORMED', 'XML document is empty');
  const root = parsed[rootName];
  return { rootName, root: typeof root === 'object' && root !== null ? root : {} };
}
