import type { PeriodKind } from '../../core/approved-report.js';
import type { CutoffRules } from '../../core/calendar/cutoff-rules.js';
import type { Indicator, IndicatorField, ReportRegime } from '../../core/catalog/types.js';
import type { FormDefinition } from '../../core/forms/types.js';
import type { MappingSet } from '../mapping/mapping-set.js';
import { isExcluded, type MappedIndicator } from '../mapping/types.js';

/** The eight catalog packet types the province pushes when its catalog changes. */
export const CATALOG_TYPES = [
  'report-regime',
  'report-form',
  'outline-form',
  'period-catalog',
  'indicator-catalog',
  'kpi-set',
  'kpi-group-catalog',
  'kpi-disaggregation-catalog',
] as const;
export type CatalogType = (typeof CATALOG_TYPES)[number];

/** Name of each catalog type's item array in its payload (contracts/national/v1). */
export const ITEMS_FIELD: Record<CatalogType, string> = {
  'report-regime': 'regimes',
  'report-form': 'forms',
  'outline-form': 'forms',
  'period-catalog': 'periods',
  'indicator-catalog': 'indicators',
  'kpi-set': 'sets',
  'kpi-group-catalog': 'groups',
  'kpi-disaggregation-catalog': 'dimensions',
};

/** One catalog entry as the national profile carries it, keyed by its code. */
export interface CatalogItem {
  code: string;
  item: Record<string, unknown>;
}

/** What the core holds, read once per push. */
export interface CoreCatalog {
  regimes: ReportRegime[];
  forms: FormDefinition[];
  indicators: Indicator[];
  cutoffRules: CutoffRules;
}

/** The nine fields of QĐ 293/QĐ-TTg as KPI groups (nhóm chỉ tiêu), with the sample national codes 293.NN. */
export const KPI_GROUPS: Record<IndicatorField, { code: string; name: string }> = {
  population_labour: { code: '293.01', name: 'Dân số và lao động' },
  economy_investment: { code: '293.02', name: 'Kinh tế, đầu tư' },
  agriculture_environment: { code: '293.03', name: 'Nông, lâm nghiệp, thủy sản và môi trường' },
  industry_construction: { code: '293.04', name: 'Công nghiệp và xây dựng' },
  trade_services: { code: '293.05', name: 'Thương mại, dịch vụ' },
  transport_communications: { code: '293.06', name: 'Giao thông vận tải, thông tin và truyền thông' },
  education_science: { code: '293.07', name: 'Giáo dục, khoa học và công nghệ' },
  health_social: { code: '293.08', name: 'Y tế, xã hội' },
  culture_sport_order: { code: '293.09', name: 'Văn hóa, thể thao, trật tự an toàn xã hội' },
};

/** Vietnamese names of the disaggregation dimensions and values the mappings carry. */
const DIMENSION_NAMES: Record<string, string> = {
  GIOI_TINH: 'Giới tính',
  THANH_THI_NONG_THON: 'Thành thị/nông thôn',
  KHU_VUC_KINH_TE: 'Khu vực kinh tế',
  PHUONG_THUC_VT: 'Phương thức vận tải',
};
const VALUE_NAMES: Record<string, string> = {
  NAM: 'Nam',
  NU: 'Nữ',
  THANH_THI: 'Thành thị',
  NONG_THON: 'Nông thôn',
  NLTS: 'Nông, lâm nghiệp và thủy sản',
  CNXD: 'Công nghiệp và xây dựng',
  DV: 'Dịch vụ',
  THUE_SP: 'Thuế sản phẩm trừ trợ cấp',
  DUONG_BO: 'Đường bộ',
  DUONG_THUY: 'Đường thủy',
  DUONG_SAT: 'Đường sắt',
  HANG_KHONG: 'Hàng không',
};

const PERIOD_NAMES: Record<Exclude<PeriodKind, 'ad_hoc'>, string> = {
  month: 'Báo cáo tháng',
  quarter: 'Báo cáo quý',
  half_year: 'Báo cáo 6 tháng',
  nine_months: 'Báo cáo 9 tháng',
  year: 'Báo cáo năm',
};

const REGIME_TYPES = { periodic: 'DINH_KY', thematic: 'CHUYEN_DE', ad_hoc: 'DOT_XUAT' } as const;

function mapped(mappings: MappingSet, code: string): MappedIndicator | undefined {
  const rule = mappings.indicatorToExternal(code);
  return rule && !isExcluded(rule) ? rule : undefined;
}

const periodKinds = (mappings: MappingSet, kinds: PeriodKind[]) => kinds.flatMap((k) => mappings.periodToExternal(k) ?? []);

/** One catalog item per form of a type: the fields every form item shares, then the type's own. */
function formItems(
  forms: CoreCatalog['forms'],
  type: 'data' | 'narrative',
  fields: (form: CoreCatalog['forms'][number]) => object,
): CatalogItem[] {
  return forms
    .filter((f) => f.type === type)
    .map((f) => ({ code: f.code, item: { code: f.code, name: f.name, regimeCode: f.regimeCode, ...fields(f) } }));
}

/**
 * The province's catalogs in the national profile's terms (national codes, units, periods,
 * columns), built from the core's data. Province-only indicators (excluded in the mapping) and
 * regimes that are not national stay home. Pure: same core data, same items.
 */
export function catalogItems(type: CatalogType, core: CoreCatalog, mappings: MappingSet): CatalogItem[] {
  const national = core.regimes.filter((r) => r.national);
  const nationalCodes = new Set(national.map((r) => r.code));
  const forms = core.forms.filter((f) => f.regimeCode !== null && nationalCodes.has(f.regimeCode));
  switch (type) {
    case 'report-regime':
      return national.map((r) => ({
        code: r.code,
        item: {
          code: r.code,
          name: r.name,
          type: REGIME_TYPES[r.type],
          periodKinds: periodKinds(mappings, r.periodKinds),
          deadlineWorkingDaysAfterCutoff: r.deadlineRule.workingDaysAfterCutoff,
        },
      }));
    case 'report-form':
      return formItems(forms, 'data', (f) => ({
        rows: f.rows.flatMap((row) => {
          const rule = mapped(mappings, row.indicatorCode);
          return rule ? [{ order: row.order, indicatorCode: rule.external, label: row.label, unit: rule.unit }] : [];
        }),
        columns: f.columns.flatMap((c) => {
          const code = mappings.columnToExternal(c.code);
          return code ? [{ code, label: c.label }] : [];
        }),
      }));
    case 'outline-form':
      return formItems(forms, 'narrative', (f) => ({
        sections:
          f.rows.length > 0
            ? f.rows.map((row) => ({ order: row.order, title: row.label }))
            : [{ order: 1, title: f.name, guidance: 'Báo cáo thuyết minh theo đề cương; tài liệu đính kèm được ký số' }],
        ...(f.narrative ? { attachmentMediaTypes: f.narrative.mediaTypes } : {}),
      }));
    case 'period-catalog':
      return (Object.keys(PERIOD_NAMES) as (keyof typeof PERIOD_NAMES)[]).flatMap((kind) => {
        const external = mappings.periodToExternal(kind);
        const rule = core.cutoffRules[kind];
        if (!external || !rule) return [];
        return [
          {
            code: external,
            item: {
              kind: external,
              name: PERIOD_NAMES[kind],
              cutoff: {
                fromDay: rule.start.day,
                toDay: rule.end.day,
                description: `Từ ngày ${rule.start.day} đến ngày ${rule.end.day} (Nghị định 09/2019/NĐ-CP)`,
              },
            },
          },
        ];
      });
    case 'indicator-catalog':
      return core.indicators.flatMap((i) => {
        const rule = mapped(mappings, i.code);
        if (!rule) return [];
        const dims = i.disaggregations.flatMap((d) => mappings.dimension(d)?.external ?? []);
        return [
          {
            code: rule.external,
            item: {
              code: rule.external,
              name: i.name,
              unit: rule.unit,
              ...(i.method ? { method: i.method } : {}),
              periodicity: periodKinds(mappings, i.periodicity),
              groupCode: KPI_GROUPS[i.field].code,
              ...(dims.length > 0 ? { disaggregations: dims } : {}),
            },
          },
        ];
      });
    case 'kpi-set': {
      const codes = core.indicators.flatMap((i) => (i.catalog === 'national' ? (mapped(mappings, i.code)?.external ?? []) : [])).sort();
      return codes.length === 0
        ? []
        : [
            {
              code: 'QD293',
              item: {
                code: 'QD293',
                name: 'Hệ thống chỉ tiêu kinh tế - xã hội phục vụ chỉ đạo, điều hành',
                legalBasis: 'Quyết định 293/QĐ-TTg ngày 24/02/2020',
                indicatorCodes: codes,
              },
            },
          ];
    }
    case 'kpi-group-catalog': {
      const used = new Set(core.indicators.map((i) => i.field));
      const groups = (Object.entries(KPI_GROUPS) as [IndicatorField, { code: string; name: string }][])
        .filter(([f]) => used.has(f))
        .map(([, g]) => ({ code: g.code, item: { code: g.code, name: g.name, parentCode: '293' } }));
      return groups.length === 0
        ? []
        : [{ code: '293', item: { code: '293', name: 'Hệ thống chỉ tiêu theo Quyết định 293/QĐ-TTg' } }, ...groups];
    }
    case 'kpi-disaggregation-catalog':
      return mappings.disaggregationRules.map((d) => ({
        code: d.external,
        item: {
          code: d.external,
          name: DIMENSION_NAMES[d.external] ?? d.external,
          values: [...new Set(Object.values(d.values))].sort().map((v) => ({ code: v, name: VALUE_NAMES[v] ?? v })),
        },
      }));
  }
}
