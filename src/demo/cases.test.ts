// The demo's year of cases: every case is a legal walk through the transition table (statuses,
// actor kinds, required fields, timestamps in order, counts and clocks matching its events), the
// generator is deterministic, and the year has the intended shape within tolerances.
import type { Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../db/engine.ts';
import { loadCalendar } from '../modules/calendar/index.ts';
import { caseCategories } from '../modules/cases/cases.tables.ts';
import { OPEN_STATUSES, transitionsFor, type CaseStatus, type Requirement } from '../modules/cases/cases.workflow.ts';
import { groupOf, type CaseGroup } from './cases.catalogue.ts';
import { DAY, HOUR, clockOf, dayOf, type CaseClock } from './cases.clock.ts';
import { generateCases, type DemoCase, type DemoCaseEvent, type DemoCategory, type DemoRefs } from './cases.ts';
import { generateDemoCity, type DemoCity } from './index.ts';

const END = Date.parse('2026-11-20T07:30:00Z'); // a Friday, 15:30 in Shanghai
let city: DemoCity;
let categories: DemoCategory[];
let clock: CaseClock;
let refs: DemoRefs;
let all: DemoCase[];
const byCommunity = new Map<string, DemoCase[]>();
const groupOfCategory = new Map<number, CaseGroup>();

/** Ids as a loader would hand them out: regions in generation order (paths of ids), then the rest. */
function syntheticRefs(c: DemoCity): DemoRefs {
  const regions = new Map<string, { id: number; path: string; name: string }>();
  c.regions.forEach((r, i) => regions.set(r.code, { id: i + 1, path: `${r.parentCode ? regions.get(r.parentCode)!.path : '/'}${i + 1}/`, name: r.name }));
  return {
    regions,
    departments: new Map(c.departments.map((d, i) => [d.code, { id: i + 1, name: d.name }])),
    users: new Map(c.accounts.map((a, i) => [a.username, i + 1])),
  };
}

const generate = (seed?: number) => generateCases(city, { categories, refs, clock, end: END, seed });

beforeAll(async () => {
  // The real catalogue (migration 0007) and the official calendar (0006), from a migrated database.
  const database = await openDatabase({});
  await migrateDatabase(database);
  categories = await database.db.select().from(caseCategories);
  clock = clockOf(await loadCalendar(database.db));
  await database.close();
  const parents = new Map(categories.filter((x) => !x.parentCode).map((x) => [x.code, x.nameZh]));
  for (const x of categories) if (x.parentCode) groupOfCategory.set(x.id, groupOf(parents.get(x.parentCode)!));
  city = generateDemoCity({ scale: 'small' });
  refs = syntheticRefs(city);
  all = [];
  for (const b of generate()) {
    byCommunity.set(b.communityCode, b.cases);
    all.push(...b.cases);
  }
}, 120_000);

/** Does the step carry the requirement, in the note and data the service's effects write? */
function carries(c: DemoCase, e: DemoCaseEvent, r: Requirement): boolean {
  const d = (e.data ?? {}) as Record<string, any>;
  switch (r) {
    case 'note':
    case 'result':
      return !!e.note;
    case 'afterPhotos': return c.afterPhoto;
    case 'categoryId': return typeof d.category?.id === 'number';
    case 'duplicateOfId': return typeof d.duplicateOf?.code === 'string';
    case 'target': return 'department' in d && Array.isArray(d.assists);
    case 'extension': return d.amount > 0 && typeof d.unit === 'string';
    case 'departmentIds': return Array.isArray(d.departments) && d.departments.length > 0;
    default: return d[r] !== undefined && d[r] !== null && d[r] !== '';
  }
}

const TIMER = new Set(['warning', 'overdue']);

/** Replays a case's events against the table; returns the problems found (empty = consistent). */
function replay(c: DemoCase): string[] {
  const bad: string[] = [];
  const ev = c.events;
  if (ev[0].action !== 'report' || ev[0].from !== null || ev[0].to !== 'reported' || ev[0].at !== c.reportedAt) bad.push('first event is not the report');
  let status: CaseStatus = 'reported';
  let stageEvent: { stage: string | null; at: number } | null = null;
  let deadline: number | null = null;
  let reopens = 0;
  let late = false;
  for (let i = 1; i < ev.length; i++) {
    const e = ev[i];
    if (e.at <= ev[i - 1].at) bad.push(`event ${i} (${e.action}) not after the previous one`);
    if (e.at > END) bad.push(`event ${i} after the load date`);
    if (e.from !== status) bad.push(`event ${i} ${e.action} from ${e.from}, case was ${status}`);
    if (TIMER.has(e.action)) {
      // The timer's marks: no step, the running stage's clock passed its warning / deadline.
      const mark = Date.parse(String(e.data?.[e.action === 'warning' ? 'warnAt' : 'deadlineAt']));
      if (e.actorKind !== 'system' || e.to !== status || !stageEvent?.stage || !(e.at >= mark) || e.stageDeadlineAt !== deadline) bad.push(`event ${i}: timer ${e.action} out of place`);
      if (e.action === 'overdue') {
        late = true;
        if (ev[i + 1]?.action !== 'supervise' || ev[i + 1].actorKind !== 'system') bad.push(`event ${i}: overdue without 督办`);
      }
      continue;
    }
    const rows = transitionsFor(status, e.action as never);
    const s = e.data?.satisfaction;
    const when = e.action !== 'feedback' ? undefined : s !== 'dissatisfied' ? 'satisfied' : reopens === 0 ? 'dissatisfiedFirst' : 'dissatisfiedAgain';
    const row = rows.find((t) => t.when === when || (!when && t.when === 'belowDistrict'));
    if (!row) {
      bad.push(`event ${i}: no transition ${status} --${e.action}${when ? ` (${when})` : ''}`);
      break;
    }
    const to: CaseStatus = row.to === 'same' ? status : row.to;
    if (e.to !== to) bad.push(`event ${i} ${e.action} lands in ${e.to}, table says ${to}`);
    if (!row.who.includes(e.actorKind)) bad.push(`event ${i} ${e.action} by ${e.actorKind}`);
    for (const r of row.requires ?? []) if (!carries(c, e, r)) bad.push(`event ${i} ${e.action} lacks ${r}`);
    if ((e.data?.endedStage as { late?: boolean } | undefined)?.late || e.data?.onTime === false) late = true;
    if (row.stage !== undefined) {
      if (stageEvent?.stage && !e.data?.endedStage) bad.push(`event ${i} ${e.action}: ended stage not recorded`);
      stageEvent = { stage: row.stage, at: e.at };
      if ((row.stage === null) !== (e.stageDeadlineAt === null)) bad.push(`event ${i} ${e.action}: deadline vs stage ${row.stage}`);
      deadline = e.stageDeadlineAt;
    } else if (e.action === 'approveExtension') deadline = e.stageDeadlineAt;
    else if (e.stageDeadlineAt !== deadline) bad.push(`event ${i} ${e.action}: carries another deadline`);
    if ((e.action === 'feedback' && e.to === 'handling') || e.action === 'reopen') reopens++;
    status = e.to;
  }
  if (status !== c.status) bad.push(`ends ${status}, row says ${c.status}`);
  if (c.version !== ev.filter((e) => !TIMER.has(e.action)).length) bad.push('version');
  if (c.updatedAt < ev.filter((e) => !TIMER.has(e.action)).at(-1)!.at) bad.push('updatedAt');
  if (c.everOverdue !== late) bad.push(`everOverdue ${c.everOverdue}, timeline says ${late}`);
  const n = (a: string, pred: (e: DemoCaseEvent) => boolean = () => true) => ev.filter((e) => e.action === a && pred(e)).length;
  const counts = { reworkCount: n('verifyFail'), returnCount: n('return'), extensionCount: n('approveExtension'), escalationCount: n('escalate'), supervisionCount: n('supervise'), reopenCount: reopens };
  for (const [k, v] of Object.entries(counts)) if (c[k as keyof typeof counts] !== v) bad.push(`${k} ${c[k as keyof typeof counts]} ≠ ${v} events`);
  const first = (...a: string[]) => ev.find((e) => a.includes(e.action))?.at ?? null;
  const last = (...a: string[]) => [...ev].reverse().find((e) => a.includes(e.action))?.at ?? null;
  const expectTimes = {
    registeredAt: first('register', 'resolveOnSpot'), dispatchedAt: last('dispatch', 'resolveOnSpot'), acceptedAt: last('accept', 'resolveOnSpot'),
    handledAt: last('handle', 'resolveOnSpot'), verifiedAt: last('verifyPass'), closedAt: last('close', 'resolveOnSpot'), feedbackAt: last('feedback'),
  };
  for (const [k, v] of Object.entries(expectTimes)) if (c[k as keyof typeof expectTimes] !== v) bad.push(`${k} does not match its event`);
  if (c.status === 'closed') {
    const chain = [c.reportedAt, c.registeredAt, c.dispatchedAt, c.acceptedAt, c.handledAt, c.closedAt].filter((x): x is number => x !== null);
    if (chain.some((x, i) => i > 0 && x < chain[i - 1])) bad.push('timestamps out of order');
  }
  // The clock on the row is the one the last stage-setting step started (or an extension moved).
  const stage = stageEvent?.stage ?? null;
  if (c.stage !== stage) bad.push(`stage ${c.stage}, events say ${stage}`);
  if (stage) {
    if (c.stageStartedAt !== stageEvent!.at || c.stageDeadlineAt !== deadline) bad.push('stage clock');
    if (!(c.stageWarnAt! > c.stageStartedAt! && c.stageWarnAt! <= c.stageDeadlineAt!)) bad.push('warning time');
    const min = 60_000;
    if (c.timerState === 'red' ? END < c.stageDeadlineAt! : c.timerState === 'yellow' ? END < c.stageWarnAt! || END > c.stageDeadlineAt! + min : END > c.stageWarnAt! + min) bad.push(`timer ${c.timerState} at the load date`);
  } else if (c.timerState !== 'none' || c.stageDeadlineAt !== null) bad.push('clock without a stage');
  if ((c.mode === null) !== (first('register', 'resolveOnSpot') === null)) bad.push('mode vs registration');
  if (c.status === 'merged' && !c.duplicateOfCode) bad.push('merged without original');
  if (c.extensionRequest && (c.status !== 'handling' || n('requestExtension') === 0)) bad.push('pending extension out of place');
  if (c.status === 'shelved' && !c.shelvedReviewOn) bad.push('shelved without review date');
  const checkedIn = c.whistles.reduce((x, w) => x + w.calls.filter((k) => k.checkedInAt !== null).length, 0);
  const answered = ev.filter((e) => e.action === 'checkIn').reduce((x, e) => x + (e.data!.calls as unknown[]).length, 0);
  if (checkedIn !== answered || c.whistles.length !== n('whistle')) bad.push('whistles vs events');
  if (c.units.length > 0) {
    const d = [...ev].reverse().find((e) => e.action === 'dispatch')!.data as { department: { id: number }; assists: { id: number }[] };
    const id = (code: string) => refs.departments.get(code)!.id;
    if (c.units[0].role !== 'lead' || id(c.units[0].departmentCode) !== d.department.id || c.units.slice(1).map((u) => id(u.departmentCode)).join() !== d.assists.map((x) => x.id).join()) bad.push('joint units');
  }
  return bad;
}

function inside(p: [number, number], ring: number[][]): boolean {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

describe('demo cases: consistent with the transition table', () => {
  it('generates the small city\'s year: ≈ 30,000 cases', () => {
    expect(all.length).toBe(30_000);
    expect(byCommunity.size).toBe(city.regions.filter((r) => r.level === 4).length);
  });

  it('every case replays against the table: states, actor kinds, requirements, times, counts, clocks', () => {
    const problems: string[] = [];
    for (const c of all) for (const p of replay(c)) if (problems.length < 20) problems.push(`${c.code}: ${p}`);
    expect(problems).toEqual([]);
  });

  it('codes are unique and readable (district + date + sequence); merged cases point at an earlier one', () => {
    const codes = new Map(all.map((c) => [c.code, c]));
    expect(codes.size).toBe(all.length);
    for (const c of all) {
      expect(c.code).toMatch(/^\d{6}-\d{8}-\d{4,}$/);
      const local = new Date(c.reportedAt + 8 * HOUR).toISOString().slice(0, 10).replaceAll('-', '');
      expect(c.code.slice(7, 15)).toBe(local);
      if (c.duplicateOfCode) expect(codes.get(c.duplicateOfCode)!.reportedAt).toBeLessThanOrEqual(c.reportedAt);
    }
  });

  it('every point lies inside its micro-grid, and the desk is its community (or the street / district above)', () => {
    const regions = new Map(city.regions.map((r) => [r.code, r]));
    for (const c of all) {
      const r = regions.get(c.regionCode)!;
      expect(r.level).toBe(6);
      expect(r.parentCode).toBe(c.gridCode);
      expect(inside([c.lng, c.lat], (r.boundary as Polygon).coordinates[0])).toBe(true);
      const community = regions.get(c.gridCode)!.parentCode!;
      const street = regions.get(community)!.parentCode!;
      expect(c.deskCode).toBe({ community, street, district: regions.get(street)!.parentCode! }[c.level]);
    }
  });

  it('departments are the district\'s; demo accounts act where they exist', () => {
    const deps = new Set(city.departments.map((d) => d.code));
    const ids = new Set(refs.users.values());
    for (const c of all) {
      if (c.departmentCode) expect(deps.has(c.departmentCode)).toBe(true);
      if (c.departmentId !== null) expect(c.departmentId).toBe(refs.departments.get(c.departmentCode!)!.id);
      for (const e of c.events) if (e.actorUserId !== null) expect(ids.has(e.actorUserId)).toBe(true);
    }
    const actedBy = new Set(all.flatMap((c) => c.events.map((e) => e.actorUserId)));
    for (const u of ['sq01', 'sq02', 'wgy01', 'bm01', 'bm02', 'bm03', 'qu01', 'dd01', 'jm01']) expect(actedBy.has(refs.users.get(u)!)).toBe(true);
  });
});

describe('demo cases: the shape of the year', () => {
  const share = (pred: (c: DemoCase) => boolean, of: DemoCase[] = all) => of.filter(pred).length / of.length;

  it('sources: patrol ≈ 55 %, then residents, the 12345 hotline, departments, informants, video', () => {
    expect(share((c) => c.source === 'patrol')).toBeGreaterThan(0.48);
    expect(share((c) => c.source === 'patrol')).toBeLessThan(0.62);
    expect(share((c) => c.source === 'hotline')).toBeGreaterThan(0.08);
    expect(share((c) => c.source === 'hotline')).toBeLessThan(0.18);
    for (const s of ['resident', 'department', 'informant', 'video']) expect(share((c) => c.source === s)).toBeGreaterThan(0.03);
  });

  it('modes: mostly 移交办, some 立即办 by grid workers, 研究办 for disputes, a few 会商办 and 抓紧办', () => {
    const m = (mode: string) => share((c) => c.mode === mode);
    expect(m('transfer')).toBeGreaterThan(0.5);
    expect(m('transfer')).toBeLessThan(0.68);
    expect(m('immediate')).toBeGreaterThan(0.12);
    expect(m('immediate')).toBeLessThan(0.25);
    expect(m('study')).toBeGreaterThan(0.07);
    expect(m('study')).toBeLessThan(0.2);
    expect(m('joint')).toBeGreaterThan(0.015);
    expect(m('joint')).toBeLessThan(0.07);
    expect(m('urgent')).toBeGreaterThan(0.015);
    expect(m('urgent')).toBeLessThan(0.06);
    expect(all.filter((c) => c.mode === 'immediate').every((c) => c.source === 'patrol' && c.afterPhoto)).toBe(true);
    const disputes = all.filter((c) => groupOfCategory.get(c.categoryId) === 'dispute' && c.mode && c.mode !== 'immediate');
    expect(share((c) => c.mode === 'study', disputes)).toBeGreaterThan(0.5);
  });

  it('outcomes: ≈ 8 % overdue, ≈ 5 % returned, ≈ 4 % reworked, ≈ 3 % extended, few shelved; ≈ 90 % satisfied', () => {
    const due = all.filter((c) => c.dueAt !== null);
    expect(share((c) => c.everOverdue, due)).toBeGreaterThan(0.06);
    expect(share((c) => c.everOverdue, due)).toBeLessThan(0.1);
    const toDepartments = all.filter((c) => c.dispatchedAt !== null && c.mode !== 'study' && c.mode !== 'immediate');
    expect(share((c) => c.returnCount > 0, toDepartments)).toBeGreaterThan(0.035);
    expect(share((c) => c.returnCount > 0, toDepartments)).toBeLessThan(0.07);
    const handled = all.filter((c) => c.handledAt !== null && c.mode !== 'immediate');
    expect(share((c) => c.reworkCount > 0, handled)).toBeGreaterThan(0.03);
    expect(share((c) => c.reworkCount > 0, handled)).toBeLessThan(0.055);
    const accepted = all.filter((c) => c.acceptedAt !== null && c.mode !== 'immediate');
    expect(share((c) => c.extensionCount > 0, accepted)).toBeGreaterThan(0.02);
    expect(share((c) => c.extensionCount > 0, accepted)).toBeLessThan(0.05);
    const shelvedEver = share((c) => c.events.some((e) => e.action === 'shelve'));
    expect(shelvedEver).toBeGreaterThan(0);
    expect(shelvedEver).toBeLessThan(0.012);
    const rated = all.filter((c) => c.satisfaction);
    expect(rated.length).toBeGreaterThan(all.length * 0.2);
    const good = share((c) => c.satisfaction !== 'dissatisfied', rated);
    expect(good).toBeGreaterThan(0.86);
    expect(good).toBeLessThan(0.95);
    expect(share((c) => c.status === 'closed')).toBeGreaterThan(0.9);
    const onTime = all.filter((c) => c.status === 'closed' && c.dueAt !== null);
    expect(share((c) => c.closedOnTime === true, onTime)).toBeGreaterThan(0.86);
    expect(share((c) => c.closedOnTime === true, onTime)).toBeLessThan(0.95);
  });

  it('the open tail: recent cases wait at every stage; old ones are closed unless shelved or late', () => {
    const open = all.filter((c) => OPEN_STATUSES.includes(c.status));
    expect(open.length).toBeGreaterThan(all.length * 0.005);
    const statuses = new Set(open.map((c) => c.status));
    expect(statuses.size).toBeGreaterThanOrEqual(4);
    expect(statuses).toContain('handling');
    const month = 30 * DAY;
    for (const c of open.filter((x) => x.reportedAt < END - 3 * month)) expect(['shelved', 'handling', 'supervision']).toContain(c.status);
    expect(open.some((c) => c.timerState === 'red')).toBe(true);
    expect(open.some((c) => c.timerState === 'yellow' || c.timerState === 'green')).toBe(true);
  });

  it('seasons: summer peaks for appearance and greenery, Spring Festival for safety', () => {
    const month = (c: DemoCase) => new Date(c.reportedAt + 8 * HOUR).getUTCMonth();
    const cityscape = all.filter((c) => groupOfCategory.get(c.categoryId) === 'cityscape');
    const summer = cityscape.filter((c) => [6, 7].includes(month(c))).length;
    const winter = cityscape.filter((c) => [0, 1].includes(month(c))).length;
    expect(summer).toBeGreaterThan(winter * 1.3);
    const safety = all.filter((c) => groupOfCategory.get(c.categoryId) === 'safety');
    const day = (c: DemoCase) => Math.floor((c.reportedAt + 8 * HOUR) / DAY);
    const festival = safety.filter((c) => Math.abs(day(c) - dayOf('2026-02-17')) <= 7).length / 15;
    const march = safety.filter((c) => month(c) === 2).length / 31;
    expect(festival).toBeGreaterThan(march * 1.3);
  });
});

describe('demo cases: deterministic', () => {
  const firstBatches = (seed?: number) => {
    const out: string[] = [];
    for (const b of generate(seed)) {
      out.push(JSON.stringify(b));
      if (out.length === 2) break;
    }
    return out;
  };

  it('same city, catalogue, seed and load date → the same cases; another seed → others', () => {
    const a = firstBatches();
    expect(firstBatches()).toEqual(a);
    expect(a[0]).toBe(JSON.stringify({ communityCode: byCommunity.keys().next().value, cases: byCommunity.values().next().value }));
    expect(firstBatches(7)).not.toEqual(a);
  });

  it('refuses a catalogue without subcategories', () => {
    expect(() => generateCases(city, { categories: categories.filter((c) => !c.parentCode), refs, clock, end: END }).next()).toThrow(/catalogue/);
  });
});
