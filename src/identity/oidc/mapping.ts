import { readFileSync } from 'node:fs';
import type { Role } from '../../http/principal.js';
import { assertContract } from '../../shared/contracts.js';
import { ValidationError } from '../../shared/errors.js';

export const MAPPING_RULES_SCHEMA = 'https://lienthong.gov.vn/contracts/api/identity/mapping-rules.schema.json';

/**
 * One rule: every condition in `match` must hold. A key names a userinfo claim that must equal
 * the value, except `emailDomain`, which must equal the domain of the `email` claim exactly (no subdomains).
 */
export interface MappingRule {
  description?: string;
  match: Record<string, string>;
  orgUnitId: string;
  roles: Role[];
}

export interface MappingRules {
  rules: MappingRule[];
}

export interface MappedAccess {
  orgUnitId: string;
  roles: Role[];
  rule: number;
}

export function loadMappingRules(path: string): MappingRules {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ValidationError('CONFIG_INVALID', `IDENTITY_MAPPING_RULES cannot be read (${path}): ${(err as Error).message}`);
  }
  return assertContract<MappingRules>(MAPPING_RULES_SCHEMA, raw, 'CONFIG_INVALID');
}

function claimText(claims: Record<string, unknown>, name: string): string | undefined {
  const v = claims[name];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

function holds(claims: Record<string, unknown>, key: string, expected: string): boolean {
  if (key === 'emailDomain') {
    const email = claimText(claims, 'email');
    return email !== undefined && email.toLowerCase().split('@')[1] === expected.toLowerCase();
  }
  return claimText(claims, key) === expected;
}

/** First matching rule wins; null = unmapped (the person waits in 'pending' with no rights). */
export function mapClaims(rules: MappingRules, claims: Record<string, unknown>): MappedAccess | null {
  for (const [i, rule] of rules.rules.entries()) {
    const conditions = Object.entries(rule.match);
    if (conditions.length > 0 && conditions.every(([k, v]) => holds(claims, k, v)))
      return { orgUnitId: rule.orgUnitId, roles: rule.roles, rule: i };
  }
  return null;
}
