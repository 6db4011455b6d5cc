// Loads a generated demo city into a database through the same services a user would use:
// the bulk region importer (with all its checks), departments, users, and then either the
// registry's population (through the import sheets; counters follow the rows) or, for tests that
// need only the tree, counters seeded from the generator's planned sizes.
import type { Db } from '../db/engine.ts';
import { createDepartment, createUserUnchecked, listDepartments, PERMISSIONS } from '../modules/accounts/index.ts';
import { addCountsByCode, importRegions, type ImportProgress } from '../modules/regions/index.ts';
import { systemContext } from '../shared/context.ts';
import { findRegionIdsByCode } from './lookup.ts';
import { loadPopulation } from './load-population.ts';
import { loadCases, type LoadCasesOptions } from './load-cases.ts';
import { loadParty, type LoadedParty } from './load-party.ts';
import { loadWorkforce, type LoadedWorkforce } from './load-workforce.ts';
import { generateDemoCity, type DemoCity, type DemoScale } from './index.ts';

export const DEMO_PASSWORD = 'wangge2026';

export interface LoadedDemo {
  city: DemoCity;
  accounts: { username: string; displayName: string; roles: string[]; scope: string }[];
  /** Party building and the workforce with its year of visits (loaded with the population). */
  party?: LoadedParty;
  workforce?: LoadedWorkforce;
}

export async function loadDemoCity(
  db: Db,
  opts: {
    scale: DemoScale;
    seed?: number;
    /** Load the registry (people, housing, places …) too; without it counters hold planned sizes. */
    population?: boolean;
    /** A year of cases (the case loop), optionally how many and ending when; default: with the population. */
    cases?: boolean | Omit<LoadCasesOptions, 'onProgress'>;
    /** Party organizations, members, links, registrations, the workforce and a year of visits; default: with the population (they draw on it). */
    party?: boolean;
    onProgress?: (phase: string, done: number, total: number) => void;
  },
): Promise<LoadedDemo> {
  const ctx = systemContext('demo', PERMISSIONS);
  const city = generateDemoCity({ scale: opts.scale, seed: opts.seed, onProgress: (d, t) => opts.onProgress?.('generate', d, t) });
  const progress: ImportProgress = (phase, d, t) => opts.onProgress?.(phase, d, t);
  await importRegions(db, ctx, city.regions, progress);

  const counts: { code: string; measure: string; value: number }[] = [];
  for (const r of opts.population ? [] : city.regions) {
    const a = r.attributes ?? {};
    // Residents are counted where people live (micro-grids); households at the grid level.
    if (r.level === 6 && typeof a.plannedResidents === 'number') counts.push({ code: r.code, measure: 'residents', value: a.plannedResidents });
    if (r.level === 5 && typeof a.plannedHouseholds === 'number') counts.push({ code: r.code, measure: 'households', value: a.plannedHouseholds });
  }
  opts.onProgress?.('counters', 0, counts.length);
  await addCountsByCode(db, ctx, counts);
  opts.onProgress?.('counters', counts.length, counts.length);

  const ids = await findRegionIdsByCode(db, [...city.departments.map((d) => d.serviceAreaCode), ...city.accounts.map((a) => a.scopeCode).filter((c): c is string => !!c)]);
  for (const d of city.departments) await createDepartment(db, ctx, { code: d.code, name: d.name, serviceAreaId: ids.get(d.serviceAreaCode)! });
  const departments = new Map((await listDepartments(db, ctx)).map((d) => [d.code, d.id]));
  const accounts: LoadedDemo['accounts'] = [];
  let done = 0;
  for (const a of city.accounts) {
    await createUserUnchecked(db, ctx, {
      username: a.username,
      displayName: a.displayName,
      mobile: a.mobile,
      password: DEMO_PASSWORD,
      roles: a.roles,
      scopeRegionId: a.scopeCode ? ids.get(a.scopeCode)! : null,
      departmentId: a.departmentCode ? (departments.get(a.departmentCode) ?? null) : null,
      isDemo: true,
    });
    const scopeName = a.scopeCode ? (city.regions.find((r) => r.code === a.scopeCode)?.name ?? a.scopeCode) : '全市 (whole system)';
    accounts.push({ username: a.username, displayName: a.displayName, roles: a.roles, scope: scopeName });
    opts.onProgress?.('accounts', ++done, city.accounts.length);
  }
  if (opts.population) await loadPopulation(db, ctx, city, (d, t) => opts.onProgress?.('population', d, t));
  const cases = opts.cases ?? opts.population;
  if (cases) await loadCases(db, ctx, city, { ...(cases === true ? {} : cases), onProgress: (d, t) => opts.onProgress?.('cases', d, t) });
  const loaded: LoadedDemo = { city, accounts };
  if (opts.population && (opts.party ?? true)) {
    // After the cases: full-time grid workers' visits cover the patrol reports the case loop has them file.
    const end = typeof cases === 'object' ? cases.end : undefined;
    loaded.party = await loadParty(db, ctx, city, { end, onProgress: (d, t) => opts.onProgress?.('party', d, t) });
    loaded.workforce = await loadWorkforce(db, ctx, city, { end, onProgress: (d, t) => opts.onProgress?.('workforce', d, t) });
  }
  return loaded;
}
