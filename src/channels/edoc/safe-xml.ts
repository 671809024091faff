import { Parser, processors } from 'xml2js';
import { EdxmlError } from './edxml-errors.js';

/** Larger than any report with its attachments; a bigger body is refused before parsing. */
export const MAX_EDXML_BYTES = 20 * 1024 * 1024;

/**
 * Refuses what XML parsers have been abused with before any parser sees it: a DOCTYPE (internal
 * entities = billion laughs, external entities = XXE) or a bare ENTITY declaration. edXML never
 * needs either, so the refusal is unconditional.
 */
export function assertSafeXml(xml: string): void {
  if (Buffer.byteLength(xml, 'utf8') > MAX_EDXML_BYTES) {
    throw new EdxmlError('EDXML_TOO_LARGE', `edXML exceeds ${MAX_EDXML_BYTES} bytes`, { limit: MAX_EDXML_BYTES }, 413);
  }
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw new EdxmlError('EDXML_UNSAFE', 'edXML must not contain a DOCTYPE or entity declarations');
  }
}

/** An element as xml2js gives it with `explicitArray`: attributes in `$`, text in `_`, children in arrays. */
export interface XmlNode {
  $?: Record<string, string>;
  _?: string;
  [child: string]: XmlNode[] | Record<string, string> | string | undefined;
}

/** Parses after `assertSafeXml`; namespace prefixes are stripped, the caller checks the root namespace. */
export async function parseXml(xml: string): Promise<{ rootName: string; root: XmlNode }> {
  assertSafeXml(xml);
  const parser = new Parser({ explicitArray: true, explicitCharkey: true, tagNameProcessors: [processors.stripPrefix], strict: true });
  let parsed: Record<string, XmlNode>;
  try {
    parsed = (await parser.parseStringPromise(xml)) as Record<string, XmlNode>;
  } catch (err) {
    throw new EdxmlError('EDXML_MALFORMED', `edXML is not well-formed: ${(err as Error).message.split('\n')[0]}`);
  }
  const rootName = parsed ? Object.keys(parsed)[0] : undefined;
  if (!rootName) throw new EdxmlError('EDXML_MALFORMED', 'edXML is empty');
  return { rootName, root: parsed[rootName]! };
}

/** True when the element declares `ns` as its default namespace or under any prefix. */
export function declaresNamespace(node: XmlNode, ns: string): boolean {
  return Object.entries(node.$ ?? {}).some(([name, value]) => (name === 'xmlns' || name.startsWith('xmlns:')) && value === ns);
}

export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const value = node?.[name];
  return Array.isArray(value) ? value : [];
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return children(node, name)[0];
}

/** Text of a child element (trimmed); `path` descends through first children. */
export function textAt(node: XmlNode | undefined, ...path: string[]): string | undefined {
  let current = node;
  for (const name of path) current = child(current, name);
  const text = current?._;
  return text === undefined ? (current ? '' : undefined) : text.trim();
}

/** Like `textAt` but a missing or empty element is a profile violation. */
export function requiredText(node: XmlNode | undefined, ...path: string[]): string {
  const value = textAt(node, ...path);
  if (!value) throw new EdxmlError('EDXML_FIELD_MISSING', `edXML lacks ${path.join('/')}`, { field: path.join('/') });
  return value;
}
