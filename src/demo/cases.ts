// A year of cases for the demo city, ending at the load date: per grid (in proportion to its
// people, more in shopping streets, fewer on farmland), with the catalogue's categories in a
// realistic mix and season, sources (patrol ≈ 55 %, residents, 12345 hotline, departments,
// informants, video), handling modes, and outcomes (most on time; some overdue, returned,
// reworked, extended, shelved, escalated; feedback ≈ 90 % satisfied) — each case lived through
// the transition table step by step (cases.life.ts, cases.script.ts). Pure and deterministic:
// same city, catalogue, seed and load date → the same cases. Streams community by community
// with a seed per community, so a million cases never sit in memory at once.
import type { CaseSource, HandlingMode } from '../modules/cases/cases.workflow.ts';
import type { RegionInput } from '../modules/regions/regions.model.ts';
import { Actors, codeHash } from './cases.actors.ts';
import { DESCRIPTIONS, GROUP_WEIGHT, KIND_TILT, SPOTS, dayWeight, festivalDays, groupOf, type CaseGroup } from './cases.catalogue.ts';
import { DAY, HOUR, dayStart, localDay, type CaseClock } from './cases.clock.ts';
import { CaseLife, type DemoCaseEvent, type DemoCategory, type DemoRefs, type DemoUnit, type DemoWhistle, type LiveRow } from './cases.life.ts';
import { caseMode, caseSource, kindFactor } from './cases.mix.ts';
import { live, type Reporter } from './cases.script.ts';
import { demoEffects } from './cases.steps.ts';
import type { GridKind } from './codes.ts';
import type { DemoCity, DemoScale } from './index.ts';
import { personName } from './names.ts';
import { Rng } from './random.ts';

export type { DemoActor, DemoCaseEvent, DemoCategory, DemoRefs, DemoUnit, DemoWhistle } from './cases.life.ts';

/** A case as the load date finds it: the row's columns (ids resolved from the refs), its timeline and side rows. */
export interface DemoCase extends LiveRow {
  code: string;
  source: CaseSource;
  categoryId: number;
  title: string;
  description: string;
  /** The micro-grid the point lies in, and its grid. */
  regionCode: string;
  gridCode: string;
  regionId: number;
  regionPath: string;
  deskRegionId: number;
  deskRegionPath: string;
  lng: number;
  lat: number;
  address: string;
  reporterName: string | null;
  reporterMobile: string | null;
  anonymous: boolean;
  reporterUserId: number | null;
  departmentId: number | null;
  handlerUserId: number | null;
  events: DemoCaseEvent[];
  units: DemoUnit[];
  whistles: DemoWhistle[];
  /** 立即办 closes with an after-photo: the loader stores one for the resolveOnSpot step. */
  afterPhoto: boolean;
}

export interface CommunityCases {
  communityCode: string;
  cases: DemoCase[];
}

/** Cases in a year per scale: ≈ 30 k for the small city (≈ 31 k residents), ≈ 1 M for Yunfu. */
export const CASES_PER_YEAR: Record<DemoScale, number> = { small: 30_000, district: 130_000, city: 1_000_000 };

export interface GenerateCasesOptions {
  /** The catalogue (both levels), as case_categories holds it. */
  categories: readonly DemoCategory[];
  /** Ids of what the loader wrote before the cases (regions, departments, accounts). */
  refs: DemoRefs;
  /** The load date: the year of cases ends here, with the youngest ones still open. */
  end: Date | number;
  /** Default CASES_PER_YEAR[city.scale]. */
  total?: number;
  /** Working time: the platform's calendar (loadCalendar), as ms arithmetic (clockOf). */
  clock: CaseClock;
  seed?: number;
}

interface Sampler {
  cum: Float64Array;
  values: number[];
}
const sampler = (weights: number[], values: number[]): Sampler => {
  const cum = new Float64Array(weights.length);
  let s = 0;
  weights.forEach((w, i) => (cum[i] = s += w));
  return { cum, values };
};
const draw = (rng: Rng, s: Sampler): number => {
  const r = rng.next() * s.cum[s.cum.length - 1];
  let lo = 0;
  let hi = s.cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s.cum[mid] > r) hi = mid;
    else lo = mid + 1;
  }
  return s.values[lo];
};

/** Streams a year of cases, one community at a time. */
export function* generateCases(city: DemoCity, opts: GenerateCasesOptions): Generator<CommunityCases> {
  const subs = opts.categories.filter((c) => c.parentCode !== null && !c.archivedAt);
  if (subs.length === 0) throw new Error('demo cases need a case catalogue with subcategories (migration 0007)');
  const { clock, refs } = opts;
  const now = typeof opts.end === 'number' ? opts.end : opts.end.getTime();
  const seed = opts.seed ?? city.seed;
  const total = opts.total ?? CASES_PER_YEAR[city.scale];
  const actors = new Actors(city);
  const parentCode = new Map(city.regions.map((r) => [r.code, r.parentCode]));
  const env = { clock, now, refs, effects: demoEffects((code) => parentCode.get(code) ?? null) };
  const ref = (code: string) => {
    const r = refs.regions.get(code);
    if (!r) throw new Error(`demo cases: region ${code} is not loaded`);
    return r;
  };
  const userId = (u: string | null) => (u ? (refs.users.get(u) ?? null) : null);

  // Categories by group; subcategories within a group lean towards the first (most common) ones.
  const parents = new Map(opts.categories.filter((c) => c.parentCode === null).map((c) => [c.code, c]));
  const byGroup = new Map<CaseGroup, DemoCategory[]>();
  for (const c of subs) {
    const g = groupOf(parents.get(c.parentCode!)?.nameZh ?? c.nameZh);
    (byGroup.get(g) ?? byGroup.set(g, []).get(g)!).push(c);
  }
  const groups = [...byGroup.keys()];
  const subSampler = new Map(groups.map((g) => [g, sampler(byGroup.get(g)!.map((_, i) => 1 / (1 + 0.35 * i)), byGroup.get(g)!.map((_, i) => i))]));

  // Days of the year ending at the load date, weighted per group by season and festivals.
  const endDay = localDay(now);
  const days = Array.from({ length: 365 }, (_, i) => endDay - 364 + i);
  const years = [...new Set(days.map((d) => new Date(d * DAY).getUTCFullYear()))];
  const festivals = festivalDays(years);
  const workdays = days.map((d) => clock.isWorkday(d));
  const daySampler = new Map<CaseGroup, Sampler>();
  const yearWeight = new Map<CaseGroup, number>();
  for (const g of groups) {
    const w = days.map((d, i) => dayWeight(g, d, festivals, workdays[i]));
    daySampler.set(g, sampler(w, days));
    yearWeight.set(g, w.reduce((a, b) => a + b, 0) / days.length);
  }
  const groupSamplers = new Map<string, Sampler>();
  const groupSampler = (kind: GridKind): Sampler => {
    let s = groupSamplers.get(kind);
    if (!s) {
      s = sampler(groups.map((g) => GROUP_WEIGHT[g] * yearWeight.get(g)! * (KIND_TILT[kind]?.[g] ?? 1)), groups.map((_, i) => i));
      groupSamplers.set(kind, s);
    }
    return s;
  };

  const byParent = new Map<string, RegionInput[]>();
  const byCode = new Map<string, RegionInput>();
  for (const r of city.regions) {
    byCode.set(r.code, r);
    if (r.parentCode) (byParent.get(r.parentCode) ?? byParent.set(r.parentCode, []).get(r.parentCode)!).push(r);
  }
  const grids = city.regions.filter((r) => r.level === 5);
  const residents = (r: RegionInput): number => Number(r.attributes?.plannedResidents ?? 0) || 1;
  const weightSum = grids.reduce((s, g) => s + residents(g) * kindFactor(g.kind as GridKind), 0);
  const departments = new Map<string, string[]>();
  for (const d of city.departments) (departments.get(d.serviceAreaCode) ?? departments.set(d.serviceAreaCode, []).get(d.serviceAreaCode)!).push(d.code);
  const sequences = new Map<string, number>();
  const residentAccounts = new Map(city.accounts.filter((a) => a.roles.includes('resident') && a.scopeCode).map((a) => [a.scopeCode!, a]));
  let planned = 0;
  let emitted = 0;

  for (const community of city.regions.filter((r) => r.level === 4)) {
    const street = byCode.get(community.parentCode!)!;
    const district = byCode.get(street.parentCode!)!;
    const county = district.code.slice(0, 6);
    const deps = departments.get(district.code) ?? [];
    const rng = new Rng(codeHash(seed, `cases:${community.code}`));
    const mobiles = Array.from({ length: 40 + rng.int(0, 80) }, () => rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0'));
    const out: DemoCase[] = [];
    for (const grid of byParent.get(community.code) ?? []) {
      const kind = grid.kind as GridKind;
      planned += (total * residents(grid) * kindFactor(kind)) / weightSum;
      const n = Math.round(planned) - emitted;
      emitted += n;
      const micro = byParent.get(grid.code) ?? [grid];
      const microSampler = sampler(micro.map(residents), micro.map((_, i) => i));
      // Draw what and when first, then live the cases in order of their reporting.
      const drafts = Array.from({ length: n }, () => {
        const g = groups[draw(rng, groupSampler(kind))];
        const category = byGroup.get(g)![draw(rng, subSampler.get(g)!)];
        const source = caseSource(rng, g);
        const reportedAt = reportTime(rng, source, draw(rng, daySampler.get(g)!), now);
        return { g, category, source, reportedAt };
      }).sort((a, b) => a.reportedAt - b.reportedAt);
      const inGrid: DemoCase[] = [];
      for (const d of drafts) {
        const m = micro[draw(rng, microSampler)];
        const [lng, lat] = pointIn(rng, m) ?? pointIn(rng, grid) ?? [0, 0];
        const spot = rng.pick(SPOTS);
        const where = `${grid.name}${spot}`;
        const reporter = reporterFor(rng, actors, d.source, grid.code, m.code, district.code, deps, mobiles, residentAccounts.get(m.code));
        const urgent = rng.chance(d.category.defaultMode === 'urgent' ? 0.35 : d.g === 'emergency' ? 0.6 : d.g === 'safety' ? 0.05 : 0.004);
        const mode = caseMode(rng, d.g, d.category.defaultMode, d.source, urgent);
        const lead = leadDepartment(county, deps, d.category, mode);
        const finalMode: HandlingMode = mode === 'transfer' && !lead ? 'study' : mode;
        const duplicateOf = d.source !== 'patrol' && rng.chance(0.03) ? findOriginal(inGrid, d.category, d.reportedAt) : null;
        const life = new CaseLife(env, {
          category: d.category, urgent, source: d.source, deskCode: community.code, reportedAt: d.reportedAt, reporter: reporter.actor, reporterName: reporter.name, anonymous: reporter.anonymous,
        });
        const { afterPhoto } = live({
          life, rng, actors, group: d.g, categoryId: d.category.id, mode: finalMode, urgent, reporter, gridCode: grid.code, streetCode: street.code,
          districtCode: district.code, leadCode: finalMode === 'study' ? null : lead, others: deps.filter((c) => c !== lead), duplicateOfCode: duplicateOf?.code ?? null,
        });
        const dateKey = new Date(d.reportedAt + 8 * HOUR).toISOString().slice(0, 10).replaceAll('-', '');
        const seqKey = `${county}-${dateKey}`;
        const seq = (sequences.get(seqKey) ?? 0) + 1;
        sequences.set(seqKey, seq);
        const row = life.row;
        const region = ref(m.code);
        const desk = ref(row.deskCode);
        // The live row becomes the case: a spread of its ~45 columns into a new literal cost
        // ~0.4 ms a case (the row's shape changes step by step, so V8 keeps it as a dictionary).
        const c: DemoCase = Object.assign(row, {
          code: `${seqKey}-${String(seq).padStart(4, '0')}`,
          source: d.source,
          categoryId: d.category.id,
          title: `${where}${d.category.nameZh}`,
          description: rng.pick(DESCRIPTIONS[d.g]).replace('{where}', where).replace('{what}', d.category.nameZh),
          regionCode: m.code,
          gridCode: grid.code,
          regionId: region.id,
          regionPath: region.path,
          deskRegionId: desk.id,
          deskRegionPath: desk.path,
          lng,
          lat,
          address: `${street.name}${community.name}${grid.name.startsWith(community.name) ? grid.name.slice(community.name.length) : grid.name}${spot}`,
          reporterName: reporter.name,
          reporterMobile: reporter.mobile,
          anonymous: reporter.anonymous,
          reporterUserId: userId(reporter.actor.username),
          departmentId: row.departmentCode ? (refs.departments.get(row.departmentCode)?.id ?? null) : null,
          handlerUserId: userId(row.handlerUsername),
          events: life.events,
          units: life.units,
          whistles: life.whistles,
          afterPhoto,
        });
        inGrid.push(c);
        out.push(c);
      }
    }
    yield { communityCode: community.code, cases: out };
  }
}

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '166', '176', '177', '180', '186', '187', '188', '189', '191', '198', '199'];

/**
 * The district's department for the category's default unit. A category without one is the
 * community's own work (研究办, or an urgent case the desk handles); a unit the district lacks, a
 * joint case, or an on-the-spot kind of problem reported by someone else fall back to 城管, which
 * every demo district has.
 */
function leadDepartment(county: string, deps: string[], c: DemoCategory, mode: HandlingMode): string | null {
  if (mode === 'study' || mode === 'immediate') return null;
  const suffix = c.defaultDepartmentCode;
  const want = suffix ? `${county}-${suffix.includes('-') ? suffix.split('-').pop() : suffix}` : null;
  if (want && deps.includes(want)) return want;
  // What a grid worker would fix on the spot goes to 城管 when someone else reports it.
  if (want || mode === 'joint' || (mode === 'transfer' && c.defaultMode === 'immediate')) return deps.includes(`${county}-CGJ`) ? `${county}-CGJ` : (deps[0] ?? null);
  return null;
}

/** When a report comes in: patrols and departments in office time, residents into the evening. */
function reportTime(rng: Rng, source: CaseSource, day: number, now: number): number {
  const start = dayStart(day);
  for (let attempt = 0; attempt < 6; attempt++) {
    const h = source === 'patrol' || source === 'department'
      ? rng.chance(0.55) ? rng.float(8.5, 12) : rng.float(14, 18)
      : source === 'video' ? rng.float(6, 23) : rng.chance(0.25) ? rng.float(18, 22.5) : rng.float(7, 18);
    const at = start + Math.round(h * HOUR);
    if (at <= now) return at;
  }
  return start + Math.floor(rng.next() * Math.max(1, now - start));
}

/** A point inside a convex boundary: a random point of a triangle fanned from its centre. */
function pointIn(rng: Rng, r: RegionInput): [number, number] | null {
  const b = r.boundary;
  if (!b || b.type !== 'Polygon') return null;
  const ring = b.coordinates[0].slice(0, -1);
  const cx = ring.reduce((s, p) => s + p[0], 0) / ring.length;
  const cy = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  const i = rng.int(0, ring.length - 1);
  const [a, c] = [ring[i], ring[(i + 1) % ring.length]];
  let u = rng.next();
  let v = rng.next();
  if (u + v > 1) [u, v] = [1 - u, 1 - v];
  // Shrunk a little towards the centre so no point sits on a shared edge.
  const k = 0.92;
  return [+(cx + k * (u * (a[0] - cx) + v * (c[0] - cx))).toFixed(6), +(cy + k * (u * (a[1] - cy) + v * (c[1] - cy))).toFixed(6)];
}

function reporterFor(
  rng: Rng, actors: Actors, source: CaseSource, gridCode: string, microCode: string, districtCode: string, deps: string[], mobiles: string[],
  resident: DemoCity['accounts'][number] | undefined,
): Reporter {
  const mobile = () => rng.pick(mobiles);
  switch (source) {
    case 'patrol': {
      const a = actors.gridWorker(gridCode);
      return { actor: a, name: a.name, mobile: null, anonymous: false, username: a.username, feedback: 'desk' };
    }
    case 'resident': {
      // The demo resident reports now and then from her own account; others through the public page.
      if (resident && rng.chance(0.3)) {
        return { actor: { kind: 'reporter', username: resident.username, name: resident.displayName }, name: resident.displayName, mobile: resident.mobile, anonymous: false, username: resident.username, feedback: 'reporter' };
      }
      const anonymous = rng.chance(0.15);
      const name = anonymous ? null : personName(rng);
      return { actor: { kind: 'reporter', username: null, name: name ?? '群众' }, name, mobile: mobile(), anonymous, username: null, feedback: 'reporter' };
    }
    case 'hotline': {
      // 12345 calls are entered by the district's governance centre, which also calls back.
      const desk = actors.desk('district', districtCode);
      const anonymous = rng.chance(0.1);
      return { actor: { ...desk, name: desk.username ? desk.name : '12345热线' }, name: anonymous ? null : personName(rng), mobile: mobile(), anonymous, username: null, feedback: 'desk' };
    }
    case 'department': {
      const a = actors.handler(rng.pick(deps));
      return { actor: a, name: a.name, mobile: null, anonymous: false, username: a.username, feedback: 'desk' };
    }
    case 'informant': {
      // 信息员 / 楼长; a tip-off may come without a name.
      const who = actors.informant(microCode);
      const anonymous = rng.chance(0.25);
      return anonymous
        ? { actor: { kind: 'reporter', username: null, name: '群众' }, name: null, mobile: mobile(), anonymous, username: null, feedback: null }
        : { actor: { kind: 'reporter', username: who.username, name: who.name }, name: who.name, mobile: mobile(), anonymous, username: who.username, feedback: 'reporter' };
    }
    default: {
      const desk = actors.desk('district', districtCode);
      return { actor: { ...desk, username: null, name: '视频监控中心' }, name: null, mobile: null, anonymous: false, username: null, feedback: 'desk' };
    }
  }
}

/** An earlier case of the same category in the grid, within the similar-case window and still open then. */
function findOriginal(inGrid: DemoCase[], category: DemoCategory, at: number): DemoCase | null {
  const since = at - category.similarDays * DAY;
  for (let i = inGrid.length - 1; i >= 0 && inGrid[i].reportedAt >= since; i--) {
    const c = inGrid[i];
    if (c.categoryId !== category.id || c.status === 'rejected' || c.status === 'merged' || c.duplicateOfCode) continue;
    // Still open when the desk looks at the new report (within a working day or so).
    if (c.closedAt === null || c.closedAt > at + 3 * DAY) return c;
  }
  return null;
}
