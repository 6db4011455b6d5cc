// The story of one demo case, from registration to feedback, in the order a real one runs:
// register (or reject / merge), maybe escalate, dispatch (a wrong unit sometimes returns it),
// accept, whistle, assisting units' parts, progress, extensions, shelving, handling (on time or
// late: the timer in CaseLife warns and presses, a supervisor sometimes too), verification
// (sometimes failed: rework), closing and the reporter's feedback (不满意 reopens once, then
// supervision). Every step goes through CaseLife, i.e. the transition table; the odds below give
// the year its shape.
import type { HandlingMode, Satisfaction } from '../modules/cases/cases.workflow.ts';
import type { Actors } from './cases.actors.ts';
import {
  DISSATISFIED_NOTES, ESCALATE_REASONS, EXTENSION_REASONS, PROGRESS_NOTES, REJECT_REASONS, RESULTS, RETURN_REASONS, REWORK_REASONS, SATISFIED_NOTES,
  SHELVE_REASONS, WHISTLE_REASONS, type CaseGroup,
} from './cases.catalogue.ts';
import { DAY, dayStart, dayString, localDay } from './cases.clock.ts';
import type { CaseLife, DemoActor } from './cases.life.ts';
import type { Rng } from './random.ts';

const MINUTE = 60_000;

/** Odds of each turn in a case's life (shares of the cases that reach that point). */
export const ODDS = {
  /** Reports left waiting at the desk for a day or two. */
  queued: 0.2,
  reject: 0.03,
  escalate: 0.02,
  escalateTwice: 0.15,
  /** Of dispatches to a department: the first unit was the wrong one and returns it. */
  returned: 0.055,
  whistle: { joint: 0.25, study: 0.08, transfer: 0.004, urgent: 0.02 } as Record<string, number>,
  progress: 0.35,
  extension: 0.05,
  extensionRefused: 0.15,
  shelve: 0.006,
  late: 0.05,
  supervisorPresses: 0.3,
  rework: 0.04,
  verifiedByDesk: 0.15,
  feedbackPublic: 0.85,
  feedbackOther: 0.2,
  conclude: 0.7,
};

export interface Reporter {
  /** Who files the report (a grid worker, the hotline desk, a department, the resident …). */
  actor: DemoActor;
  name: string | null;
  mobile: string | null;
  anonymous: boolean;
  /** The demo account of the reporter, when the report came from one. */
  username: string | null;
  /** Who rates the result: the reporter on the public page, the desk calling back, or nobody. */
  feedback: 'reporter' | 'desk' | null;
}

export interface Plan {
  life: CaseLife;
  rng: Rng;
  actors: Actors;
  group: CaseGroup;
  categoryId: number;
  mode: HandlingMode;
  urgent: boolean;
  reporter: Reporter;
  gridCode: string;
  streetCode: string;
  districtCode: string;
  /** Lead unit for transfer / urgent / joint; null = the desk handles it (study). */
  leadCode: string | null;
  /** Other departments of the district (wrong dispatches, assists, whistles). */
  others: string[];
  /** An open earlier case of the same category nearby: this one is merged into it. */
  duplicateOfCode: string | null;
}

/** f in [lo, hi], leaning towards lo (most work is done well within its time). */
const early = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng.next() ** 1.6;

/** Lives the case; answers whether an after-photo was taken (立即办). */
export function live(p: Plan): { afterPhoto: boolean } {
  const { life, rng, actors } = p;
  const row = life.row;
  const desk = () => actors.desk(row.level, row.deskCode);
  const result = () => rng.pick(RESULTS[p.group]);

  if (p.mode === 'immediate') {
    // 立即办: found on patrol, fixed on the spot, photographed, closed in one step.
    const done = life.step('resolveOnSpot', life.last + rng.int(8, 45) * MINUTE, actors.gridWorker(p.gridCode), { result: result() });
    life.settle();
    return { afterPhoto: done };
  }
  story(p, desk, result);
  life.settle();
  return { afterPhoto: false };
}

function story(p: Plan, desk: () => DemoActor, result: () => string): void {
  const { life, rng, actors } = p;
  const row = life.row;
  // 立案 within hours (urgent ones in minutes); a busy desk leaves some for the next day or two,
  // so desks have a queue at any hour. Or refused / merged.
  const firstLook = p.urgent
    ? life.last + rng.int(5, 40) * MINUTE
    : rng.chance(ODDS.queued)
      ? life.clock.add(life.last, rng.float(0.2, 2), 'workingDays')
      : life.clock.add(life.last, 2 * early(rng, 0.05, 0.7), 'workingHours');
  if (p.duplicateOfCode) {
    life.step('merge', firstLook, desk(), { duplicateOfCode: p.duplicateOfCode });
    return;
  }
  if (rng.chance(ODDS.reject)) {
    life.step('reject', firstLook, desk(), { reason: rng.pick(REJECT_REASONS) });
    return;
  }
  if (!life.step('register', firstLook, desk(), { mode: p.mode, urgency: p.urgent ? 'urgent' : 'normal' })) return;

  // 小事不出社区、大事不出街道: a few go up a level (and a few of those up again).
  if (rng.chance(ODDS.escalate)) {
    do if (!life.step('escalate', life.inStage(early(rng, 0.2, 0.8)), desk(), { reason: rng.pick(ESCALATE_REASONS) })) return;
    while (row.level === 'street' && rng.chance(ODDS.escalateTwice));
  }

  // 派遣: now and then to a wrong unit first, which returns it with its reason.
  const handlerOf = (code: string | null): DemoActor => (code ? actors.handler(code) : desk());
  const dispatch = (to: string | null, assistCodes: string[]) => life.step('dispatch', life.inStage(early(rng, 0.05, 0.6)), desk(), { target: { departmentCode: to, assistCodes } });
  if (p.leadCode && p.others.length && rng.chance(ODDS.returned)) {
    const wrong = rng.pick(p.others);
    if (!dispatch(wrong, [])) return;
    if (!life.step('return', life.inStage(early(rng, 0.1, 0.6)), handlerOf(wrong), { reason: rng.pick(RETURN_REASONS) })) return;
  }
  const assists = p.mode === 'joint' ? rng.shuffle(p.others.filter((c) => c !== p.leadCode)).slice(0, rng.int(1, 2)) : [];
  if (!dispatch(p.leadCode, assists)) return;

  // 签收: the unit (or, in 研究办, the desk itself) takes the case on.
  const handler = handlerOf(p.leadCode);
  if (!life.step('accept', life.inStage(early(rng, 0.05, 0.8)), handler)) return;
  if (rng.chance(ODDS.whistle[p.mode] ?? 0) && row.level !== 'district' && !whistle(p, desk())) return;
  for (const u of life.units) {
    if (u.role !== 'assist') continue;
    if (!life.step('postPart', life.inStage(early(rng, 0.2, 0.7)), actors.handler(u.departmentCode), { note: `${result()}（协办）` })) return;
  }
  if (rng.chance(ODDS.progress) && !p.urgent && !life.step('progress', life.inStage(early(rng, 0.15, 0.5)), handler, { note: rng.pick(PROGRESS_NOTES) })) return;
  if (p.leadCode && rng.chance(ODDS.extension) && !extension(p, handler, desk())) return;
  if (rng.chance(ODDS.shelve)) {
    // 挂账: out of the clock until its review date, then resumed.
    const at = life.inStage(early(rng, 0.3, 0.7));
    const reviewDay = localDay(at) + rng.int(30, 90);
    if (!life.step('shelve', at, desk(), { reviewOn: dayString(reviewDay), reason: rng.pick(SHELVE_REASONS) })) return;
    if (!life.step('resume', life.clock.add(dayStart(reviewDay) + rng.int(0, 3) * DAY, rng.float(0, 3), 'workingHours'), desk())) return;
  }
  if (!handleAndVerify(p, handler, desk, rng.chance(ODDS.late), rng.chance(ODDS.rework))) return;
  if (!close(p, desk)) return;
  feedback(p, handler, desk);
}

/** 处置 (on time, or late — the timer marks it and presses; a supervisor sometimes too), then 核查. */
function handleAndVerify(p: Plan, handler: DemoActor, desk: () => DemoActor, late: boolean, rework: boolean): boolean {
  const { life, rng, actors } = p;
  const row = life.row;
  const result = () => rng.pick(RESULTS[p.group]);
  if (late) {
    const at = life.inStage(rng.float(1.05, 1.8));
    if (rng.chance(ODDS.supervisorPresses) && row.stageDeadlineAt !== null) {
      const press = Math.min(at - 30 * MINUTE, life.clock.add(row.stageDeadlineAt, rng.float(1, 6), 'workingHours'));
      if (!life.step('supervise', press, actors.supervisor(p.districtCode), { note: '请加快办理，按时反馈' })) return false;
    }
    if (!life.step('handle', at, handler, { result: result() })) return false;
  } else if (!life.step('handle', life.inStage(early(rng, 0.1, 0.9)), handler, { result: result() })) return false;
  const verifier = (): DemoActor => (rng.chance(ODDS.verifiedByDesk) ? desk() : actors.gridWorker(p.gridCode));
  if (rework) {
    if (!life.step('verifyFail', life.inStage(early(rng, 0.1, 0.8)), verifier(), { reason: rng.pick(REWORK_REASONS) })) return false;
    if (!life.step('handle', life.inStage(early(rng, 0.1, 0.5)), handler, { result: result() })) return false;
  }
  // A unit that works on time leaves room to verify and close before the handling deadline.
  return life.step('verifyPass', beforeDue(p, life.inStage(early(rng, 0.05, 0.8)), rng.float(0.3, 0.8)), verifier());
}

/** `at`, or earlier when the handling deadline is nearer: a share of the time left until it. */
function beforeDue(p: Plan, at: number, share: number): number {
  const due = p.life.row.dueAt;
  const last = p.life.last;
  if (due === null || due <= last) return at;
  return Math.min(at, last + Math.round((due - last) * share));
}

/** 结案 by the desk, soon after verification (within the handling deadline when there is room). */
function close(p: Plan, desk: () => DemoActor): boolean {
  const { life, rng } = p;
  return life.step('close', beforeDue(p, life.clock.add(life.last, rng.float(0.1, 3), 'workingHours'), rng.float(0.2, 0.9)), desk());
}

function satisfaction(rng: Rng, worse: boolean): Satisfaction {
  const r = rng.next();
  const dissatisfied = worse ? 0.3 : 0.14;
  if (r < dissatisfied) return 'dissatisfied';
  return r < dissatisfied + (worse ? 0.35 : 0.2) ? 'basicallySatisfied' : 'satisfied';
}

/** 回访: the reporter (or the desk calling the people concerned) rates the result. */
function feedback(p: Plan, handler: DemoActor, desk: () => DemoActor): void {
  const { life, rng, actors } = p;
  const by = p.reporter.feedback;
  if (!by || !rng.chance(by === 'reporter' ? ODDS.feedbackPublic : ODDS.feedbackOther)) return;
  const who = (): DemoActor => (by === 'reporter' ? { kind: 'reporter', username: p.reporter.username, name: p.reporter.name ?? '群众' } : desk());
  const give = (s: Satisfaction): boolean => {
    const note = s === 'dissatisfied' ? rng.pick(DISSATISFIED_NOTES) : rng.pick(SATISFIED_NOTES) || null;
    return life.step('feedback', life.clock.add(life.last, rng.float(0.2, 2), 'workingDays'), who(), { satisfaction: s, note });
  };
  const first = satisfaction(rng, life.row.everOverdue || life.row.reworkCount > 0);
  if (!give(first) || first !== 'dissatisfied') return;
  // Reopened once: handled again, verified, closed, asked again.
  if (!handleAndVerify(p, handler, desk, false, false) || !close(p, desk)) return;
  const second: Satisfaction = rng.chance(0.5) ? 'dissatisfied' : rng.chance(0.6) ? 'satisfied' : 'basicallySatisfied';
  if (!give(second) || second !== 'dissatisfied') return;
  // 督办: a supervisor decides: concluded as it stands, or reopened once more.
  const sup = actors.supervisor(p.districtCode);
  const at = life.clock.add(life.last, rng.float(1, 5), 'workingDays');
  if (rng.chance(ODDS.conclude)) {
    life.step('conclude', at, sup, { note: '经核实已按政策处理到位，予以办结' });
    return;
  }
  if (!life.step('reopen', at, sup, { note: '责成承办单位重新处置' })) return;
  if (handleAndVerify(p, handler, desk, false, false)) close(p, desk);
}

/** 延期: the handler asks for more working days; the desk approves (the deadline moves) or refuses. */
function extension(p: Plan, handler: DemoActor, desk: DemoActor): boolean {
  const { life, rng } = p;
  if (!life.step('requestExtension', life.inStage(rng.float(0.5, 0.85)), handler, { extension: { amount: rng.int(2, 5), unit: 'workingDays' }, reason: rng.pick(EXTENSION_REASONS) })) return false;
  const at = life.clock.add(life.last, rng.float(0.5, 6), 'workingHours');
  if (rng.chance(ODDS.extensionRefused)) return life.step('refuseExtension', at, desk, { reason: '现有时限内可以完成，请抓紧办理' });
  return life.step('approveExtension', at, desk);
}

/** 吹哨报到: the desk calls departments onto the case; each checks in, late, or not at all (the timer marks it missed). */
function whistle(p: Plan, desk: DemoActor): boolean {
  const { life, rng } = p;
  const called = rng.shuffle(p.others.filter((c) => c !== p.leadCode)).slice(0, rng.int(1, 3));
  if (called.length === 0) return true;
  const hours = rng.pick([2, 4, 24]);
  if (!life.step('whistle', life.inStage(rng.float(0.02, 0.15)), desk, { departmentCodes: called, reason: rng.pick(WHISTLE_REASONS), hours })) return false;
  const start = life.last;
  const arrivals = called
    .map((code) => {
      const r = rng.next();
      return { code, at: r < 0.85 ? start + rng.float(0.1, 0.9) * hours * 3_600_000 : r < 0.95 ? start + rng.float(1.1, 2) * hours * 3_600_000 : null };
    })
    .filter((a): a is { code: string; at: number } => a.at !== null)
    .sort((a, b) => a.at - b.at);
  for (const a of arrivals) if (!life.step('checkIn', a.at, p.actors.handler(a.code), { note: '已到场报到' })) return false;
  return true;
}
