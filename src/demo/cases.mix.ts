// The demo's mixes: how many cases a grid of each kind sees, who reports them, and how a desk
// chooses to handle them (立即办 on the spot by grid workers, 移交办 to a department for most,
// 研究办 for disputes, 会商办 for complex ones, 抓紧办 for the urgent few), leaning on the
// category's suggested mode when the catalogue gives one.
import type { CaseSource, HandlingMode } from '../modules/cases/cases.workflow.ts';
import type { CaseGroup } from './cases.catalogue.ts';
import type { GridKind } from './codes.ts';
import type { Rng } from './random.ts';

/** Cases per planned resident, relative: shopping streets draw many, farmland and schools few. */
const KIND_FACTOR: Record<GridKind, number> = { residential: 1, rural: 0.55, officeBuilding: 0.9, businessDistrict: 1.8, industrialPark: 1, dedicated: 0.7 };
export const kindFactor = (kind: GridKind): number => KIND_FACTOR[kind] ?? 1;

/** Who reports, overall ≈ patrol 55 %, residents 14 %, hotline 12 %, departments 7 %, informants 6 %, video 6 %. */
const SOURCES: Record<CaseSource, number> = { patrol: 62, resident: 13, hotline: 11, department: 7, informant: 6, video: 6 };
const SOURCE_TILT: Partial<Record<CaseGroup, Partial<Record<CaseSource, number>>>> = {
  dispute: { patrol: 0.45, resident: 2.2, hotline: 2.2, video: 0.1 },
  livelihood: { patrol: 0.55, resident: 2, hotline: 2.5, video: 0.1 },
  emergency: { hotline: 2.5, video: 2, department: 1.5 },
  streetOrder: { video: 1.8 },
  construction: { resident: 1.4, hotline: 1.4 },
};

export function caseSource(rng: Rng, group: CaseGroup): CaseSource {
  const tilt = SOURCE_TILT[group] ?? {};
  const table = { ...SOURCES };
  for (const k of Object.keys(table) as CaseSource[]) table[k] *= tilt[k] ?? 1;
  return rng.weighted(table);
}

/** Share of patrol finds a grid worker fixes on the spot, by group. */
const ON_SPOT: Record<CaseGroup, number> = {
  cityscape: 0.45, streetOrder: 0.42, greening: 0.3, facilities: 0.2, other: 0.25, safety: 0.15, livelihood: 0.15, dispute: 0.12, construction: 0.05, emergency: 0,
};
type DeskMode = Exclude<HandlingMode, 'immediate' | 'urgent'>;
const DESK_MODES: Partial<Record<CaseGroup, Record<DeskMode, number>>> = {
  dispute: { study: 75, joint: 10, transfer: 15 },
  livelihood: { study: 40, joint: 5, transfer: 55 },
  construction: { study: 2, joint: 20, transfer: 78 },
  emergency: { study: 0, joint: 60, transfer: 40 },
  safety: { study: 5, joint: 12, transfer: 83 },
};
const DEFAULT_DESK_MODES: Record<DeskMode, number> = { study: 6, joint: 3, transfer: 91 };

export function caseMode(rng: Rng, group: CaseGroup, suggested: string | null, source: CaseSource, urgent: boolean): HandlingMode {
  if (urgent) return 'urgent';
  if (source === 'patrol' && rng.chance(suggested === 'immediate' ? Math.max(0.6, ON_SPOT[group]) : ON_SPOT[group])) return 'immediate';
  const table = { ...(DESK_MODES[group] ?? DEFAULT_DESK_MODES) };
  // The catalogue's suggestion weighs in (desks mostly follow it).
  if (suggested === 'study' || suggested === 'joint' || suggested === 'transfer') table[suggested] = table[suggested] * 1.5 + 5;
  return rng.weighted(table);
}
