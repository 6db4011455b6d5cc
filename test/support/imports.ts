// Test helpers for the import engine: a finished import job (one row written, one rejected, so it
// has an error workbook) made by a community's staff, for scope probes.
import { jobSettled } from '../../src/modules/registry/import/jobs.service.ts';
import type { TestApp } from './app.ts';
import { idNumber } from './residents.ts';

export interface ImportFixtures {
  job: number;
  /** A one-row CSV placing a resident in `gridCode`, for cross-scope import probes. */
  csvFor(gridCode: string, seq: number): string;
}

const HEAD = '姓名,民族,证件号码,人口类型,所在网格编码\r\n';

export async function importFixtures(t: TestApp, cookie: string, key: string, gridCode: string): Promise<ImportFixtures> {
  const body = `${HEAD}导入${key},汉族,${idNumber('1988-08-08', key === 'A' ? 501 : 502)},户籍人口,${gridCode}\r\n坏行${key},汉族,123,户籍人口,${gridCode}\r\n`;
  const res = await t.as(cookie, { method: 'POST', url: '/api/v1/registry/imports?entity=resident&mode=skip-invalid&fileName=f.csv', payload: body, headers: { 'content-type': 'text/csv' } });
  if (res.statusCode !== 202) throw new Error(`import fixture: ${res.statusCode} ${res.body}`);
  const job = (res.json() as { jobId: number }).jobId;
  await jobSettled(job);
  return { job, csvFor: (code, seq) => `${HEAD}越界${key},汉族,${idNumber('1977-07-07', seq)},户籍人口,${code}\r\n` };
}
