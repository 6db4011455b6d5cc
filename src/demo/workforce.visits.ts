// A year of visits (走访) for the demo's workforce, ending at the load date, on the platform's
// working calendar (holidays empty the week, adjusted working weekends fill it):
// - grid chiefs and grid workers mostly keep 5-3-10: 5–6 entries a week into their grid, most of
//   them 3 hours or more, 2–4 residents seen each; a few weeks missed, a few short entries, a few
//   per cent checked in outside the grid's boundary. A full-time worker's visits cover the cases
//   the demo's case loop has them report on patrol (the finding points at the case).
// - stationed teams visit their village about twice a week, mostly on Tuesday (驻点日);
// - paired deputies drop in every one to three weeks (a lax few let months pass).
import type { PositionKind } from '../modules/workforce/workforce.model.ts';
import type { RegionInput } from '../modules/regions/index.ts';
import { DAY, HOUR, dayStart } from './cases.clock.ts';
import type { PoolCase, PoolResident } from './party.pool.ts';
import { FINDINGS, VISIT_NOTES } from './party.words.ts';
import type { Rng } from './random.ts';
import { visitPoint } from './workforce.geo.ts';
import type { DemoVisit } from './workforce.rows.ts';

const MINUTE = 60_000;

export interface VisitContext {
  rng: Rng;
  /** Local day numbers of the year's first and last day (the load date). */
  firstDay: number;
  endDay: number;
  /** The load moment: nothing is checked out after it. */
  end: number;
  isWorkday: (day: number) => boolean;
  nextId: () => number;
}

/** ISO weekday (1 = Monday) of a local day number (day 0, 1970-01-01, was a Thursday). */
export const weekday = (day: number): number => ((day + 3) % 7 + 7) % 7 + 1;

/** How each rule position works its grid: entries planned per week, the share of ≥ 3 h entries, weeks missed. */
const PROFILES: Partial<Record<PositionKind, { plan: Record<string, number>; long: number; miss: number }>> = {
  gridWorkerFullTime: { plan: { 5: 20, 6: 75, 4: 5 }, long: 0.98, miss: 0.04 },
  gridChief: { plan: { 4: 5, 5: 35, 6: 60 }, long: 0.96, miss: 0.06 },
  gridWorkerPartTime: { plan: { 3: 5, 4: 15, 5: 40, 6: 40 }, long: 0.93, miss: 0.08 },
};

function people(rng: Rng, residents: PoolResident[], min: number, max: number): DemoVisit['people'] {
  const n = Math.min(residents.length, rng.int(min, max));
  const picked = new Set<number>();
  while (picked.size < n) picked.add(rng.int(0, residents.length - 1));
  return [...picked].map((i) => ({ residentId: residents[i].id }));
}

function visit(c: VisitContext, v: Omit<DemoVisit, 'id' | 'checkIn' | 'checkOut' | 'notes' | 'findings'> & { region: RegionInput; findings?: DemoVisit['findings'] }): DemoVisit {
  const { rng } = c;
  const checkIn = visitPoint(rng, v.region, rng.chance(0.025));
  const checkOut = visitPoint(rng, v.region, rng.chance(0.015));
  const findings = v.findings ?? [];
  if (!findings.length && rng.chance(0.03)) findings.push({ description: rng.pick(FINDINGS), lng: checkIn?.lng ?? null, lat: checkIn?.lat ?? null, caseId: null });
  for (const f of findings) if (f.lng === null && checkIn) [f.lng, f.lat] = [checkIn.lng, checkIn.lat];
  const { region: _region, ...rest } = v;
  return { id: c.nextId(), ...rest, checkIn, checkOut, notes: rng.chance(0.6) ? rng.pick(VISIT_NOTES) : '', findings };
}

/** A grid worker's (or chief's) year in their grid; `cases` are the ones they reported on patrol there. */
export function ruleVisits(c: VisitContext, w: { workerId: number; kind: PositionKind; grid: RegionInput; startDay: number; residents: PoolResident[]; cases: PoolCase[] }): DemoVisit[] {
  const { rng } = c;
  const profile = PROFILES[w.kind];
  if (!profile) return [];
  // Each person keeps the rule in their own way: some miss more weeks, some cut entries short.
  const miss = profile.miss * rng.float(0.4, 2);
  const long = Math.min(0.99, profile.long - rng.float(0, 0.05));
  const caseDays = new Map<number, PoolCase[]>();
  for (const k of w.cases) {
    const d = Math.floor((k.at + 8 * HOUR) / DAY);
    (caseDays.get(d) ?? caseDays.set(d, []).get(d)!).push(k);
  }
  const out: DemoVisit[] = [];
  const from = Math.max(c.firstDay, w.startDay);
  for (let monday = from - (weekday(from) - 1); monday <= c.endDay; monday += 7) {
    const days = Array.from({ length: 7 }, (_, i) => monday + i).filter((d) => d >= from && d <= c.endDay);
    const n = rng.chance(miss) ? rng.int(0, 4) : Number(rng.weighted(profile.plan));
    // Days with a patrol report first, then working days, then Saturday; holidays rarely.
    const score = (d: number) => (caseDays.has(d) ? 0 : c.isWorkday(d) ? 1 + rng.next() : weekday(d) === 6 ? 3 : rng.chance(0.15) ? 4 : 9);
    const chosen = days.map((d) => ({ d, s: score(d) })).filter((x) => x.s < 9).sort((a, b) => a.s - b.s).slice(0, Math.max(n, [...days].filter((d) => caseDays.has(d)).length));
    for (const { d } of chosen.sort((a, b) => a.d - b.d)) {
      const morning = rng.chance(0.75);
      let start = dayStart(d) + Math.round((morning ? rng.float(8, 9.6) : rng.float(13.7, 15)) * 60) * MINUTE;
      let stop = start + (rng.chance(long) ? rng.int(180, 285) : rng.int(95, 178)) * MINUTE;
      const findings: DemoVisit['findings'] = [];
      const reported = (caseDays.get(d) ?? []).sort((a, b) => a.at - b.at);
      if (reported.length) {
        // The entry covers the reports of the day (at most nine hours of them).
        const first = reported[0].at;
        const covered = reported.filter((k) => k.at - first <= 9 * HOUR);
        start = Math.min(start, first - rng.int(15, 60) * MINUTE);
        stop = Math.max(stop, covered[covered.length - 1].at + rng.int(10, 45) * MINUTE);
        for (const k of covered) findings.push({ description: k.title, lng: null, lat: null, caseId: k.id });
      }
      if (stop > c.end) continue;
      out.push(visit(c, { workerId: w.workerId, teamId: null, region: w.grid, regionCode: w.grid.code, purpose: 'patrol', checkInAt: start, checkOutAt: stop, people: people(rng, w.residents, 2, 4), findings }));
    }
  }
  return out;
}

/** A stationed team's visits: about two a week, the first on the fixed day (Tuesday). */
export function teamVisits(c: VisitContext, t: { teamId: number; members: { workerId: number; leader: boolean }[]; community: RegionInput; startDay: number; residents: PoolResident[]; fixedWeekday: number }): DemoVisit[] {
  const { rng } = c;
  const out: DemoVisit[] = [];
  const from = Math.max(c.firstDay, t.startDay);
  const lax = rng.chance(0.15);
  for (let monday = from - (weekday(from) - 1); monday <= c.endDay; monday += 7) {
    const fixed = monday + t.fixedWeekday - 1;
    const days: number[] = [];
    if (rng.chance(c.isWorkday(fixed) ? (lax ? 0.6 : 0.88) : 0.2)) days.push(fixed);
    const others = [0, 1, 2, 3, 4].map((i) => monday + i).filter((d) => d !== fixed && c.isWorkday(d));
    if (others.length && rng.chance(lax ? 0.55 : 0.82)) days.push(rng.pick(others));
    if (others.length && rng.chance(0.08)) days.push(rng.pick(others));
    for (const d of [...new Set(days)].sort((a, b) => a - b)) {
      if (d < from || d > c.endDay) continue;
      const start = dayStart(d) + Math.round(rng.float(8.8, 10) * 60) * MINUTE;
      const stop = start + rng.int(150, 360) * MINUTE;
      if (stop > c.end) continue;
      const by = rng.chance(0.5) ? (t.members.find((m) => m.leader) ?? t.members[0]) : rng.pick(t.members);
      out.push(visit(c, { workerId: by.workerId, teamId: t.teamId, region: t.community, regionCode: t.community.code, purpose: 'stationed', checkInAt: start, checkOutAt: stop, people: people(rng, t.residents, 2, 5) }));
    }
  }
  return out;
}

/** A paired deputy's drop-ins into one grid: every one to three weeks (two to eight for the lax). */
export function deputyVisits(c: VisitContext, d: { workerId: number; grid: RegionInput; startDay: number; residents: PoolResident[]; lax: boolean; busy: Set<number> }): DemoVisit[] {
  const { rng } = c;
  const out: DemoVisit[] = [];
  for (let day = Math.max(c.firstDay, d.startDay) + rng.int(0, 13); day <= c.endDay; day += 7 * (d.lax ? rng.int(2, 8) : rng.int(1, 3)) + rng.int(-2, 2)) {
    // A working day the deputy is not already out in another of their grids.
    let at = day;
    while ((!c.isWorkday(at) || d.busy.has(at)) && at < day + 6) at++;
    if (at > c.endDay || d.busy.has(at)) break;
    d.busy.add(at);
    const start = dayStart(at) + Math.round(rng.float(9, 15.5) * 60) * MINUTE;
    const stop = start + rng.int(60, 200) * MINUTE;
    if (stop > c.end) break;
    out.push(visit(c, { workerId: d.workerId, teamId: null, region: d.grid, regionCode: d.grid.code, purpose: 'contact', checkInAt: start, checkOutAt: stop, people: people(rng, d.residents, 1, 3) }));
  }
  return out;
}
