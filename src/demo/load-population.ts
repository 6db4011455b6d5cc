// Loads the generated population through the registry's own sheets (parse → write), the path an
// office's Excel import takes, so the demo exercises every check. Any rejected row is a bug in
// the generator or a sheet, and stops the load with the row and its reasons.
import type { Db } from '../db/engine.ts';
import { SHEETS, type RegistryEntity } from '../modules/registry/index.ts';
import type { RequestContext } from '../shared/context.ts';
import { scoped } from '../shared/scoped.ts';
import type { DemoCity } from './index.js';
import { generatePopulation, populationSize, type PopulationEntity } from './population.ts';
import type { SheetRow } from './people.ts';

const BATCH = 2000;

/** Header (Chinese, English or alias) → column key, per entity. */
function headerKeys(entity: RegistryEntity): Map<string, string> {
  const sheet = SHEETS[entity];
  if (!sheet) throw new Error(`no sheet for ${entity}`);
  const m = new Map<string, string>();
  for (const c of sheet.columns) for (const h of [c.header, c.headerEn, ...(c.aliases ?? [])]) m.set(h, c.key);
  return m;
}

async function loadRows(db: Db, ctx: RequestContext, entity: PopulationEntity, rows: SheetRow[], keys: Map<string, string>): Promise<void> {
  const sheet = SHEETS[entity]!;
  const sdb = scoped(db, ctx.actor.scope);
  for (let i = 0; i < rows.length; i += BATCH) {
    const parsed: unknown[] = [];
    for (const row of rows.slice(i, i + BATCH)) {
      const cells: Record<string, string> = {};
      for (const [h, v] of Object.entries(row)) {
        const k = keys.get(h);
        if (!k) throw new Error(`demo ${entity}: no column "${h}"`);
        cells[k] = v;
      }
      const p = sheet.parse(cells);
      if (!p.ok) throw new Error(`demo ${entity} row ${JSON.stringify(row)}: ${p.problems.map((x) => `${x.column}: ${x.reason.en}`).join('; ')}`);
      parsed.push(p.value);
    }
    const outcomes = await db.transaction((tx) => sheet.write(tx, ctx, sdb.with(tx), parsed));
    const bad = outcomes.findIndex((o) => o.outcome === 'rejected');
    if (bad >= 0) {
      const o = outcomes[bad] as { problems: { column: string; reason: { en: string } }[] };
      throw new Error(`demo ${entity} row ${JSON.stringify(rows[i + bad])}: ${o.problems.map((x) => `${x.column}: ${x.reason.en}`).join('; ')}`);
    }
  }
}

/** Loads every community's registry; progress counts residents. Returns what was loaded. */
export async function loadPopulation(db: Db, ctx: RequestContext, city: DemoCity, onProgress?: (done: number, total: number) => void): Promise<Record<string, number>> {
  const total = populationSize(city).residents;
  const keys = new Map<PopulationEntity, Map<string, string>>();
  const loaded: Record<string, number> = {};
  let people = 0;
  for (const community of generatePopulation(city)) {
    for (const [entity, rows] of community.steps) {
      if (rows.length === 0) continue;
      if (!keys.has(entity)) keys.set(entity, headerKeys(entity));
      if (process.env.WANGGE_DEMO_TRACE) console.log(`${community.communityCode} ${entity} ${rows.length}`);
      await loadRows(db, ctx, entity, rows, keys.get(entity)!);
      loaded[entity] = (loaded[entity] ?? 0) + rows.length;
      if (entity === 'resident') people += rows.length;
    }
    onProgress?.(Math.min(people, total), total);
  }
  return loaded;
}
