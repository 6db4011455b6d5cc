// Large import runs look up only the rows that may already be stored (residents.bulk.known.ts):
// outcomes must be those of looking every row up — members naming heads written in earlier
// batches, re-imports, and someone storing a person of the file while the run is under way.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { permissionsOf } from '../../src/modules/accounts/index.ts';
import { idCheckDigit } from '../../src/modules/registry/checks.ts';
import { runImport, type ImportMode } from '../../src/modules/registry/import/run.ts';
import { KnownHashes } from '../../src/modules/registry/residents.bulk.known.ts';
import { RESIDENT_COLUMNS } from '../../src/modules/registry/residents.sheet.ts';
import { SHEETS } from '../../src/modules/registry/sheets.ts';
import type { EntitySheet } from '../../src/modules/registry/sheet.ts';
import type { RequestContext } from '../../src/shared/context.ts';
import { scoped } from '../../src/shared/scoped.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let ctx: RequestContext;
let micro = '';
const rows = async <T>(q: ReturnType<typeof sql>) => ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;

/** A valid ID number per serial, born 1985 (distinct from the other import tests' 1980). */
const idNumber = (serial: number) => {
  const first17 = `445302198503${String(1 + (serial % 28)).padStart(2, '0')}${String(100 + serial).slice(-3)}`;
  return first17 + idCheckDigit(first17);
};
const HEADERS = RESIDENT_COLUMNS.map((c) => c.header);
const line = (v: Record<string, string>) => RESIDENT_COLUMNS.map((c) => v[c.key] ?? '').join(',');
/** `households` households of a head and two members, head first: with batches of 2, most members' heads are in an earlier batch. */
function file(households: number, from: number): string {
  const out = [HEADERS.join(',')];
  for (let h = 0; h < households; h++) {
    const head = from + h * 3;
    out.push(line({ name: `查重${head}`, ethnicity: '汉族', idNumber: idNumber(head), residenceType: '户籍人口', regionCode: micro, householdRole: '户主' }));
    for (const k of [1, 2]) out.push(line({ name: `查重${head + k}`, ethnicity: '汉族', idNumber: idNumber(head + k), residenceType: '户籍人口', regionCode: micro, householdHeadIdNumber: idNumber(head), householdRole: '子女' }));
  }
  return out.join('\n') + '\n';
}
const run = (csv: string, mode: ImportMode, sheet: EntitySheet = SHEETS.resident!) => runImport(t.database.db, ctx, sheet, { buffer: Buffer.from(csv) }, { mode, fileName: 'known.csv', batchSize: 2 });
const households = (from: number, to: number) =>
  rows<{ n: number; heads: number }>(sql`SELECT count(DISTINCT household_id)::int AS n, count(*) FILTER (WHERE household_role = 'head')::int AS heads FROM residents WHERE name >= ${`查重${from}`} AND name <= ${`查重${to}`} AND household_id IS NOT NULL`);

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  const [u] = await rows<{ id: number; roles: string[]; rid: number; path: string }>(sql`SELECT u.id, u.roles, r.id AS rid, r.path FROM users u JOIN regions r ON r.id = u.scope_region_id WHERE u.username = 'sq01'`);
  ctx = { actor: { userId: u.id, name: 'sq01', roles: u.roles, permissions: permissionsOf(u.roles), scope: { regionId: u.rid, path: u.path }, departmentId: null }, requestId: 'known', clientIp: null, lang: 'zh-CN' };
  micro = (await rows<{ code: string }>(sql`SELECT code FROM regions WHERE path LIKE ${u.path + '%'} AND level = 6 AND archived_at IS NULL ORDER BY code LIMIT 1`))[0].code;
}, 120_000);
afterAll(async () => {
  delete process.env.WANGGE_IMPORT_KNOWN;
  await t?.close();
});
beforeEach(() => {
  // Every run of these files takes the shortcut, however small.
  process.env.WANGGE_IMPORT_KNOWN = '1';
});

describe('the known-hashes filter', () => {
  it('never forgets a hash it was given, and rejects most others', () => {
    const hex = (i: number) => (BigInt(i) * 0x9e3779b97f4a7c15n).toString(16).padStart(16, '0').repeat(4).slice(0, 64);
    const f = new KnownHashes(1000);
    for (let i = 0; i < 1000; i++) f.add(hex(i));
    for (let i = 0; i < 1000; i++) expect(f.mayHave(hex(i))).toBe(true);
    let maybe = 0;
    for (let i = 1000; i < 11_000; i++) if (f.mayHave(hex(i))) maybe++;
    expect(maybe).toBeLessThan(200);
  });
});

describe.each<ImportMode>(['skip-invalid', 'all-or-nothing'])('a large run (%s)', (mode) => {
  const from = mode === 'skip-invalid' ? 100 : 400;

  it('adds heads and members across batches, and a re-import finds every row stored', async () => {
    const first = await run(file(4, from), mode);
    expect(first).toMatchObject({ status: 'done', added: 12, rejected: 0 });
    expect((await households(from, from + 11))[0]).toEqual({ n: 4, heads: 4 });
    const again = await run(file(4, from), mode);
    expect(again).toMatchObject({ status: 'done', added: 0, updated: 0, unchanged: 12, rejected: 0 });
  });

  it('writes a batch again with exact lookups when someone stored one of its people meanwhile', async () => {
    const base = from + 100;
    const csv = file(2, base);
    // The person of row 4 (the second household's head) is stored, from outside the run, right
    // after the run's first batch: the filter, built at that batch, does not know them.
    const late = idNumber(base + 3);
    let calls = 0;
    const resident = SHEETS.resident!;
    const racing: EntitySheet = {
      ...resident,
      write: async (tx, c, sdb, values) => {
        const out = await resident.write(tx, c, sdb, values);
        if (++calls === 1) {
          const own = { ...ctx, requestId: 'someone-else' };
          const value = resident.parse({ ...Object.fromEntries(RESIDENT_COLUMNS.map((col) => [col.key, ''])), name: `查重${base + 3}`, ethnicity: '汉族', idNumber: late, residenceType: '户籍人口', regionCode: micro, householdRole: '户主' });
          if (!value.ok) throw new Error(JSON.stringify(value.problems));
          const [o] = await resident.write(tx, own, scoped(tx, ctx.actor.scope), [value.value]);
          expect(o.outcome).toBe('added');
        }
        return out;
      },
    };
    const r = await run(csv, mode, racing);
    expect(r).toMatchObject({ status: 'done', added: 5, unchanged: 1, rejected: 0 });
    expect((await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM residents WHERE name = ${`查重${base + 3}`}`))[0].n).toBe(1);
    expect((await households(base, base + 5))[0]).toEqual({ n: 2, heads: 2 });
  });
});
