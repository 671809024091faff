/** `$id` of a request schema under contracts/api/core/. */
export const coreSchema = (name: string): string => `https://lienthong.gov.vn/contracts/api/core/${name}.schema.json`;
