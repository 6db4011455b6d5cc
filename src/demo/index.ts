// The demo module owns the deterministic synthetic city: the governance tree with boundaries,
// departments and one account per demo role. Pure: no database, no HTTP; the loader (elsewhere)
// writes the result. Same scale and seed → byte-identical JSON.
import type { RegionInput } from '../modules/regions/regions.model.js';
import { buildAccounts, buildDepartments, type DemoAccount, type DemoDepartment } from './accounts.js';
import { buildRegions } from './city.js';
import { Rng } from './random.js';
import { SCALES, regionTotal, type DemoScale } from './scales.js';

export type { DemoAccount, DemoDepartment } from './accounts.js';
export type { DemoScale } from './scales.js';
export { SCALES } from './scales.js';
export * from './codes.js';

export interface DemoCity {
  scale: DemoScale;
  seed: number;
  /** Parents before children (level by level). */
  regions: RegionInput[];
  accounts: DemoAccount[];
  departments: DemoDepartment[];
}

export interface GenerateOptions {
  scale: DemoScale;
  /** Default 1. */
  seed?: number;
  /** Called as regions are produced (at least 20 times, at most every 500, and at the end). */
  onProgress?: (done: number, total: number) => void;
}

export function generateDemoCity(opts: GenerateOptions): DemoCity {
  const spec = SCALES[opts.scale];
  if (!spec) throw new RangeError(`unknown demo scale: ${opts.scale}`);
  const seed = opts.seed ?? 1;
  const rng = new Rng(seed);
  const total = regionTotal(spec);
  const regions: RegionInput[] = [];
  const every = Math.max(1, Math.min(500, Math.ceil(total / 20)));
  buildRegions(rng, spec, (r) => {
    regions.push(r);
    if (opts.onProgress && (regions.length % every === 0 || regions.length === total)) opts.onProgress(regions.length, total);
  });
  if (regions.length !== total) throw new Error(`demo produced ${regions.length} regions, expected ${total}`);
  // Departments and accounts draw from their own stream so they stay put if the tree changes.
  const people = new Rng(seed ^ 0x5eed);
  const departments = buildDepartments(people, regions);
  const accounts = buildAccounts(people, regions, departments);
  return { scale: opts.scale, seed, regions, accounts, departments };
}
