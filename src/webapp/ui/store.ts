import { api, type Principal } from './api.js';
import type { Form, OrgUnit } from './types.js';

/** What every page needs once: who is logged in, the org units they see, forms by code. */
export interface AppState {
  principal: Principal;
  displayName: string;
  units: Map<string, OrgUnit>;
  forms: Map<string, Form>;
}

export function flattenTree(nodes: OrgUnit[] | OrgUnit, out = new Map<string, OrgUnit>()): Map<string, OrgUnit> {
  for (const n of Array.isArray(nodes) ? nodes : [nodes]) {
    out.set(n.id, n);
    if (n.children) flattenTree(n.children, out);
  }
  return out;
}

export async function loadUnits(): Promise<Map<string, OrgUnit>> {
  return flattenTree(await api.get('/api/v1/org-units/tree'));
}

export async function loadForms(): Promise<Map<string, Form>> {
  const { forms } = await api.get('/api/v1/forms');
  return new Map(forms.map((f) => [f.code, f]));
}

export async function formOf(state: AppState, code: string): Promise<Form> {
  const cached = state.forms.get(code);
  if (cached) return cached;
  const form = await api.get('/api/v1/forms/{code}', { params: { path: { code } } });
  state.forms.set(code, form);
  return form;
}

export function unitName(state: AppState, id: string): string {
  return state.units.get(id)?.name ?? id;
}

export function childrenOf(state: AppState, id: string): OrgUnit[] {
  return [...state.units.values()].filter((u) => u.parentId === id);
}

export const has = (state: AppState, role: Principal['roles'][number]) => state.principal.roles.includes(role);
