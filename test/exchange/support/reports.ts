import type { ApprovedReport } from '../../../src/core/approved-report.js';
import { loadMappings } from '../../../src/exchange/mapping/loader.js';
import { loadP12Credentials, loadPemCredentials } from '../../../src/exchange/pki/credentials.js';
import { TrustStore } from '../../../src/exchange/pki/trust.js';
import { PacketBuilder } from '../../../src/exchange/packets/builder.js';

export const PKI = 'fixtures/pki';
export const P12_PASSWORD = 'lienthong-test';
export const trust = TrustStore.fromFiles([`${PKI}/ca.crt.pem`]);
export const nationalMappings = loadMappings('mappings').national;
export const orgCredentials = loadP12Credentials(`${PKI}/org.p12`, P12_PASSWORD);
export const pemCredentials = (name: string) => loadPemCredentials(`${PKI}/${name}.crt.pem`, `${PKI}/${name}.key.pem`);
export const builderFor = (credentials = orgCredentials) => new PacketBuilder({ mappings: nationalMappings, credentials });

/** A monthly socio-economic report of the demo province, as the core freezes it at approval. */
export function monthlyReport(overrides: Partial<ApprovedReport> = {}): ApprovedReport {
  return {
    submissionId: 'sub-2027-01-skhdt',
    version: 1,
    kind: 'original',
    orgUnit: { id: 'lc-so-khdt', orgCode: '000.00.00.H29', name: 'UBND tỉnh Lai Châu' },
    form: {
      code: 'KTXH-THANG-01',
      name: 'Biểu số 01: Một số chỉ tiêu kinh tế - xã hội chủ yếu hằng tháng',
      regimeCode: 'KTXH-THANG',
      type: 'data',
    },
    period: { kind: 'month', year: 2027, index: 1, key: '2027-M01', windowStart: '2026-12-15', windowEnd: '2027-01-14' },
    values: [
      { indicatorCode: '0207', columnCode: 'THIS_PERIOD', value: 412.5, unit: 'tỷ đồng' },
      { indicatorCode: '0208', columnCode: 'THIS_PERIOD', value: 398250, unit: 'triệu đồng' },
      { indicatorCode: '0207', columnCode: 'PCT_SAME_PERIOD', value: 108.2, unit: 'tỷ đồng' },
      { indicatorCode: '0601', columnCode: 'THIS_PERIOD', value: 12.5, unit: 'nghìn tấn', disaggregation: { mode: 'road' } },
      { indicatorCode: 'LC0101', columnCode: 'THIS_PERIOD', value: 40, unit: 'hộ' },
      { indicatorCode: '0210', columnCode: 'YTD', value: null, unit: 'tỷ đồng' },
    ],
    approvedBy: 'lanh-dao-ubnd',
    approvedAt: '2027-01-16T03:00:00.000Z',
    deadline: '2027-01-16',
    classification: 'normal',
    ...overrides,
  };
}
