// Helpers for the party organization, member and warning tests: requests as a demo account (with
// a language), the demo's regions, and residents written straight to the registry tables.
import { sql, type SQL } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { idCheckDigit } from '../../src/modules/registry/checks.ts';
import { residents } from '../../src/modules/registry/people.tables.ts';
import { piiColumns } from '../../src/modules/registry/registry.common.ts';
import type { TestApp } from './app.ts';

export interface R {
  id: number;
  code: string;
  name: string;
  path: string;
  level: number;
  parent_id: number | null;
}

export async function rows<T>(t: TestApp, q: SQL): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}

export const regionCols = sql`id, code, name, path, level, parent_id`;
export async function scopeRegion(t: TestApp, username: string): Promise<R> {
  const code = t.demo!.city.accounts.find((a) => a.username === username)!.scopeCode!;
  return (await rows<R>(t, sql`SELECT ${regionCols} FROM regions WHERE code = ${code}`))[0];
}
export async function childrenOf(t: TestApp, id: number): Promise<R[]> {
  return rows<R>(t, sql`SELECT ${regionCols} FROM regions WHERE parent_id = ${id} AND archived_at IS NULL ORDER BY code`);
}

/** A client for one session: JSON in and out, optional language. */
export function client(t: TestApp, cookie: string) {
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object, lang?: 'en' | 'zh'): Promise<LightMyRequestResponse> =>
    t.as(cookie, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}), headers: lang === 'en' ? { 'accept-language': 'en' } : {} });
  return {
    get: (url: string, lang?: 'en' | 'zh') => send('GET', url, undefined, lang),
    post: (url: string, payload: object = {}, lang?: 'en' | 'zh') => send('POST', url, payload, lang),
    patch: (url: string, payload: object, lang?: 'en' | 'zh') => send('PATCH', url, payload, lang),
    put: (url: string, payload: object, lang?: 'en' | 'zh') => send('PUT', url, payload, lang),
  };
}
export type Client = ReturnType<typeof client>;

/** The body of a response with the expected status, or a thrown error naming what came instead. */
export function ok<T = any>(res: LightMyRequestResponse, status = 200): T {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body.slice(0, 400)}`);
  return res.json() as T;
}

let seq = 0;
/** A resident written straight to the table (no audit, no counters): enough for links and committees. */
export async function addResident(t: TestApp, region: { id: number; path: string }, name: string, opts: { politicalStatus?: string; archived?: boolean; birthDate?: string; gender?: 'male' | 'female' } = {}): Promise<number> {
  seq += 1;
  const first = `44030319800101${String(seq).padStart(3, '0')}`;
  const idNumber = first + idCheckDigit(first);
  const id = piiColumns(idNumber, 'idNumber');
  const [r] = await t.database.db
    .insert(residents)
    .values({
      regionId: region.id,
      regionPath: region.path,
      name,
      gender: opts.gender ?? 'male',
      birthDate: opts.birthDate ?? '1980-01-01',
      idNumberEnc: id.enc!,
      idNumberHash: id.hash!,
      idNumberMasked: id.masked!,
      idLast4: idNumber.slice(-4),
      residenceType: 'registered',
      politicalStatus: opts.politicalStatus ?? 'masses',
      archivedAt: opts.archived ? new Date() : null,
    })
    .returning();
  return r.id;
}

/** Today in Asia/Shanghai, shifted by `days`. */
export function day(days = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}
