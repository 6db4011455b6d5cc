// Case measures (事件考核指标): the one definition of every count, rate and stage time, shared by
// the SQL (which counts per leaf: region path, department or person), the assembly (which sums
// leaves into the rows asked for and derives the rates), the Excel export and docs/measures.md.
// Pure and free of server imports: the web compiles this file for its wire types.
import { PUBLIC_SOURCES } from './cases.workflow.ts';

export { PUBLIC_SOURCES };

export const MEASURE_GROUPINGS = ['child', 'department', 'person'] as const;
export type MeasureGrouping = (typeof MEASURE_GROUPINGS)[number];

/**
 * Additive counts: each is a number of cases (or of whistle calls) and sums over any partition of
 * the cases, so a district's figure is the sum of its leaves. "In P" = inside the period.
 */
export const COUNT_KEYS = [
  'reported', // reported_at in P
  'registered', // registered in P: registered_at, or closed_at for 立即办 cases closed on the spot without registration
  'publicFirst', // registered, and first reported by the public (source in PUBLIC_SOURCES)
  'dispatched', // dispatched_at (latest dispatch) in P
  'respondedOnTime', // dispatched, and accepted before the respond deadline
  'returned', // dispatched, and returned by a unit at least once
  'extended', // dispatched, and given at least one extension
  'handled', // handled_at in P
  'reworked', // handled, and failed verification at least once
  'due', // closed in P, or due_at in P and not closed before P (shelved cases excluded)
  'closed', // status closed and closed_at in P
  'closedOnTime', // closed, and on time
  'overdue', // due, and overdue at some point
  'feedback', // feedback_at in P with a satisfaction given
  'satisfied', // feedback: 满意 or 基本满意
  'dissatisfied', // feedback: 不满意
  'whistleCalls', // departments called by whistles blown in P
  'whistleOnTime', // of those, checked in before the deadline
  'whistleLate', // checked in after the deadline
  'whistleMissed', // never checked in (marked by the timer)
] as const;
export type CountKey = (typeof COUNT_KEYS)[number];
export type MeasureCounts = Record<CountKey, number>;

/** Counts a person earns as the reporter of patrol cases (网格员上报), not as a handler. */
export const REPORTER_KEYS: readonly CountKey[] = ['reported', 'registered', 'publicFirst'];
export const WHISTLE_KEYS: readonly CountKey[] = ['whistleCalls', 'whistleOnTime', 'whistleLate', 'whistleMissed'];

/** Stage spans: from one step's time to the next; a span counts in P when its end lies in P. */
export const STAGE_SPANS = [
  { key: 'reportToRegister', from: 'reportedAt', to: 'registeredAt', zh: '上报→立案', en: 'Report → register' },
  { key: 'registerToDispatch', from: 'registeredAt', to: 'dispatchedAt', zh: '立案→派遣', en: 'Register → dispatch' },
  { key: 'dispatchToAccept', from: 'dispatchedAt', to: 'acceptedAt', zh: '派遣→签收', en: 'Dispatch → accept' },
  { key: 'acceptToHandle', from: 'acceptedAt', to: 'handledAt', zh: '签收→处置完毕', en: 'Accept → handled' },
  { key: 'handleToVerify', from: 'handledAt', to: 'verifiedAt', zh: '处置完毕→核查', en: 'Handled → verified' },
  { key: 'verifyToClose', from: 'verifiedAt', to: 'closedAt', zh: '核查→结案', en: 'Verified → closed' },
] as const;
export type StageSpanKey = (typeof STAGE_SPANS)[number]['key'];
export type CaseTimeField = (typeof STAGE_SPANS)[number]['from' | 'to'];
/** Per span: how many cases completed it in P, and the seconds they took in all (natural time). */
export type StageSums = Record<StageSpanKey, { n: number; seconds: number }>;

export const RATE_DEFS = [
  { key: 'closeRate', numerator: 'closed', denominator: 'due', zh: '结案率', en: 'Close rate' },
  { key: 'onTimeCloseRate', numerator: 'closedOnTime', denominator: 'due', zh: '按期结案率', en: 'On-time close rate' },
  { key: 'responseRate', numerator: 'respondedOnTime', denominator: 'dispatched', zh: '响应率', en: 'Response rate' },
  { key: 'satisfactionRate', numerator: 'satisfied', denominator: 'feedback', zh: '满意率', en: 'Satisfaction rate' },
  { key: 'reworkRate', numerator: 'reworked', denominator: 'handled', zh: '返工率', en: 'Rework rate' },
  { key: 'returnRate', numerator: 'returned', denominator: 'dispatched', zh: '退回率', en: 'Return rate' },
  { key: 'extensionRate', numerator: 'extended', denominator: 'dispatched', zh: '延期率', en: 'Extension rate' },
  { key: 'overdueRate', numerator: 'overdue', denominator: 'due', zh: '超期率', en: 'Overdue rate' },
  { key: 'missedReportRate', numerator: 'publicFirst', denominator: 'registered', zh: '漏报率', en: 'Missed-report rate' },
  { key: 'checkInRate', numerator: 'whistleOnTime', denominator: 'whistleDecided', zh: '按时报到率', en: 'On-time check-in rate' },
] as const;
export type RateKey = (typeof RATE_DEFS)[number]['key'];
export type MeasureRates = Record<RateKey, number | null>;

/** Rates that say nothing about a person: the public reports in a grid, and whistles (called on units). */
const NOT_FOR_PERSONS: readonly RateKey[] = ['missedReportRate', 'checkInRate'];

export const COUNT_NAMES: Record<CountKey, { zh: string; en: string }> = {
  reported: { zh: '上报数', en: 'Reported' },
  registered: { zh: '立案数', en: 'Registered' },
  publicFirst: { zh: '群众首报数', en: 'First reported by the public' },
  dispatched: { zh: '派遣数', en: 'Dispatched' },
  respondedOnTime: { zh: '按时响应数', en: 'Responded on time' },
  returned: { zh: '退回数', en: 'Returned' },
  extended: { zh: '延期数', en: 'Extended' },
  handled: { zh: '处置数', en: 'Handled' },
  reworked: { zh: '返工数', en: 'Reworked' },
  due: { zh: '应结案数', en: 'Due' },
  closed: { zh: '结案数', en: 'Closed' },
  closedOnTime: { zh: '按期结案数', en: 'Closed on time' },
  overdue: { zh: '超期数', en: 'Overdue' },
  feedback: { zh: '回访数', en: 'Feedback given' },
  satisfied: { zh: '满意数（含基本满意）', en: 'Satisfied (incl. basically)' },
  dissatisfied: { zh: '不满意数', en: 'Dissatisfied' },
  whistleCalls: { zh: '吹哨报到数', en: 'Whistle calls' },
  whistleOnTime: { zh: '按时报到数', en: 'Checked in on time' },
  whistleLate: { zh: '迟到报到数', en: 'Checked in late' },
  whistleMissed: { zh: '未报到数', en: 'Missed check-ins' },
};

// ---------------------------------------------------------------------------------------------
// Wire types (GET /cases/measures)

export type MeasureRowKind = 'total' | 'region' | 'self' | 'department' | 'noDepartment' | 'person';

export interface MeasureRow {
  kind: MeasureRowKind;
  /** Region, department or user id; null for the total and the "none" rows. */
  id: number | null;
  name: string;
  counts: MeasureCounts;
  /** Fractions in [0, 1] rounded to 4 places; null when the denominator is 0 or the rate does not apply. */
  rates: MeasureRates;
  /** Average natural hours per stage span (2 places); null when no case completed the span in P. */
  avgHours: Record<StageSpanKey, number | null>;
  stageCounts: Record<StageSpanKey, number>;
}

export interface MeasuresView {
  subject: {
    region: { id: number | null; name: string; path: string };
    department: { id: number; name: string } | null;
    user: { id: number; name: string } | null;
  };
  /** Inclusive calendar days in Asia/Shanghai, and the half-open instants they stand for. */
  period: { from: string; to: string; start: string; end: string };
  groupBy: MeasureGrouping;
  total: MeasureRow;
  rows: MeasureRow[];
}

// ---------------------------------------------------------------------------------------------
// Formulas

export function emptyCounts(): MeasureCounts {
  return Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as MeasureCounts;
}

export function emptyStages(): StageSums {
  return Object.fromEntries(STAGE_SPANS.map((s) => [s.key, { n: 0, seconds: 0 }])) as StageSums;
}

/** Leaf figures as the repository returns them, before assembly. */
export interface LeafFigures {
  counts: MeasureCounts;
  stages: StageSums;
}

export const emptyFigures = (): LeafFigures => ({ counts: emptyCounts(), stages: emptyStages() });

/** Adds `b` into `a` (all of it, or only the named counts and no stage times). */
export function addInto(a: LeafFigures, b: LeafFigures, only?: readonly CountKey[]): LeafFigures {
  for (const k of only ?? COUNT_KEYS) a.counts[k] += b.counts[k];
  if (!only) {
    for (const s of STAGE_SPANS) {
      a.stages[s.key].n += b.stages[s.key].n;
      a.stages[s.key].seconds += b.stages[s.key].seconds;
    }
  }
  return a;
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/** numerator / denominator, 4 places; null when nothing was there to measure. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? round(numerator / denominator, 4) : null;
}

function denominatorOf(c: MeasureCounts, key: CountKey | 'whistleDecided'): number {
  // A call still pending (deadline not reached) is not yet on time or late: it waits.
  return key === 'whistleDecided' ? c.whistleOnTime + c.whistleLate + c.whistleMissed : c[key];
}

export function rates(c: MeasureCounts, opts: { person?: boolean } = {}): MeasureRates {
  const out = {} as MeasureRates;
  for (const d of RATE_DEFS) out[d.key] = opts.person && NOT_FOR_PERSONS.includes(d.key) ? null : ratio(c[d.numerator], denominatorOf(c, d.denominator));
  return out;
}

export function averageHours(s: StageSums): Record<StageSpanKey, number | null> {
  const out = {} as Record<StageSpanKey, number | null>;
  for (const span of STAGE_SPANS) {
    const { n, seconds } = s[span.key];
    out[span.key] = n > 0 ? round(seconds / n / 3600, 2) : null;
  }
  return out;
}

/** One row of the table; `person` rows (and every row of a person subject) get no grid or whistle rates. */
export function toRow(kind: MeasureRowKind, id: number | null, name: string, f: LeafFigures, opts: { person?: boolean } = {}): MeasureRow {
  const person = opts.person ?? kind === 'person';
  return {
    kind,
    id,
    name,
    counts: { ...f.counts },
    rates: rates(f.counts, { person }),
    avgHours: averageHours(f.stages),
    stageCounts: Object.fromEntries(STAGE_SPANS.map((s) => [s.key, f.stages[s.key].n])) as Record<StageSpanKey, number>,
  };
}

// ---------------------------------------------------------------------------------------------
// Assembly: leaves → rows

/**
 * The child of `parentPath` a leaf path lies in: its id (the next path segment), or 'self' when
 * the case lies on the parent region itself (e.g. a case placed on a community with no grid).
 */
export function childOf(parentPath: string, leafPath: string): number | 'self' | null {
  if (!leafPath.startsWith(parentPath)) return null;
  const next = leafPath.slice(parentPath.length).split('/')[0];
  if (!next) return 'self';
  const id = Number(next);
  return Number.isInteger(id) && id > 0 ? id : null;
}

export interface KeyedFigures<K> {
  key: K;
  figures: LeafFigures;
}

/** Sums leaves into groups by a key function; leaves whose key is undefined are dropped. */
export function groupFigures<K, G>(leaves: readonly KeyedFigures<K>[], keyOf: (k: K) => G | undefined): Map<G, LeafFigures> {
  const out = new Map<G, LeafFigures>();
  for (const l of leaves) {
    const g = keyOf(l.key);
    if (g === undefined) continue;
    const acc = out.get(g) ?? emptyFigures();
    addInto(acc, l.figures);
    out.set(g, acc);
  }
  return out;
}

export function sumFigures(all: Iterable<LeafFigures>): LeafFigures {
  const acc = emptyFigures();
  for (const f of all) addInto(acc, f);
  return acc;
}

/**
 * A person's figures: what they handled (handler side: every count but the reporter ones, and all
 * stage times) plus what they reported on patrol (reporter side: reported, registered, publicFirst).
 */
export function personFigures(handler: LeafFigures | undefined, reporter: LeafFigures | undefined): LeafFigures {
  const out = emptyFigures();
  if (handler) {
    addInto(out, handler);
    for (const k of REPORTER_KEYS) out.counts[k] = 0;
  }
  if (reporter) addInto(out, reporter, REPORTER_KEYS);
  return out;
}

/** Whistle counts replace a group's (they are counted on the calls, not on the cases). */
export function withWhistles(f: LeafFigures, w: MeasureCounts | undefined): LeafFigures {
  for (const k of WHISTLE_KEYS) f.counts[k] = w ? w[k] : 0;
  return f;
}

// ---------------------------------------------------------------------------------------------
// Periods: calendar days in Asia/Shanghai (UTC+8, no daylight saving)

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TZ_OFFSET_MS = 8 * 3600_000;
export const MAX_PERIOD_DAYS = 366 * 5;

export function isDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** The Shanghai calendar day of an instant. */
export function shanghaiDay(t: Date): string {
  return new Date(t.getTime() + TZ_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Shanghai day starts. */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export interface Period {
  from: string;
  to: string;
  /** from 00:00 Shanghai, inclusive. */
  start: Date;
  /** the day after `to`, 00:00 Shanghai, exclusive. */
  end: Date;
}

export type PeriodProblem = 'badDay' | 'reversed' | 'tooLong';

/**
 * Period from optional days: `to` defaults to today, `from` to the first day of `to`'s month
 * (so no parameters = this month up to today, Shanghai time).
 */
export function periodOf(from: string | undefined, to: string | undefined, now: Date): Period | PeriodProblem {
  const t = to ?? shanghaiDay(now);
  const f = from ?? `${t.slice(0, 8)}01`;
  if (!isDay(f) || !isDay(t)) return 'badDay';
  if (t < f) return 'reversed';
  const start = dayStart(f);
  const end = dayStart(addDays(t, 1));
  if ((end.getTime() - start.getTime()) / 86_400_000 > MAX_PERIOD_DAYS) return 'tooLong';
  return { from: f, to: t, start, end };
}
