// The case timer: every tick it compares the running stages' clocks on the case rows with the time
// and records what became due since the last tick:
// - warning time reached (80 %), still green → yellow, a 'warning' event on the timeline and a
//   'warning' notice to the unit holding the case;
// - deadline passed, not yet red → red, ever_overdue, an 'overdue' event, and 督办: a 'supervise'
//   step taken by the system actor through the workflow (applyAction: timeline event, supervision
//   count, audit row, 'supervision' notices to the handler and their leader, or to the desk), plus
//   the desk's next level up when a desk holds the case;
// - a whistle call (吹哨) still pending past its check-in deadline → missed, its department's
//   leader told;
// - a shelved (挂账) case whose review date has come → its desk told, once per review date.
// Nothing lives in memory: every change is derived from columns and made by a conditional update,
// so a case that fell due while the server was down is caught at the first tick after start, a
// second tick (or a second process) finds nothing left to do, and ticks are short transactions in
// bounded batches. `now` is injectable so tests can move the clock.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { AppError } from '../../shared/errors.ts';
import { recipientUserIds } from '../accounts/index.ts';
import { localDay } from '../calendar/index.ts';
import { notify } from '../notifications/index.ts';
import { applyAction, systemActor } from './cases.actions.ts';
import * as repo from './cases.timer.repository.ts';
import type { TimerCaseRow } from './cases.timer.repository.ts';

export interface TickResult {
  /** Cases turned yellow. */
  warned: number;
  /** Cases turned red. */
  overdue: number;
  /** Of those, 督办 steps taken through the workflow. */
  supervised: number;
  /** Whistle calls marked missed. */
  missedCalls: number;
  /** Shelved cases whose desk was reminded. */
  shelvedReviews: number;
}

export interface CaseTimer {
  tick(): Promise<TickResult>;
  stop(): Promise<void>;
}

export interface TimerOptions {
  /** Time between automatic ticks (default 30 s); 0 = no automatic ticks (tests call tick()). */
  intervalMs?: number;
  now?: () => Date;
  /** Cases per transaction (default 50). */
  batch?: number;
  /** Batches per kind of change in one tick (default 20); the rest waits for the next tick. */
  maxBatches?: number;
  log?: { warn(msg: string): void; error(msg: string): void };
}

const STAGE_NAMES: Record<string, string> = { dispatch: '派遣', respond: '响应', handle: '处置', verify: '核查' };
const DESK_ROLES: Record<string, string[]> = { community: ['communityStaff'], street: ['streetStaff'], district: ['districtStaff'] };
/** The desk one level up, told when a desk's own case is overdue. */
const UPPER_DESK_ROLES: Record<string, string[]> = { community: ['streetStaff'], street: ['districtStaff'] };
/** A missed check-in is an overdue notice whose reason says so (the inbox renders reason 'checkInMissed'). */
const MISSED_CALL_KIND = 'overdue';
const SHELVED_KIND = 'shelvedReview';

/** While a department must respond to or handle the case it holds it; otherwise its desk does. */
const heldByDepartment = (c: TimerCaseRow): c is TimerCaseRow & { departmentId: number } => c.departmentId !== null && (c.stage === 'respond' || c.stage === 'handle');

const deskStaff = (tx: DbOrTx, level: string, deskRegionId: number) => recipientUserIds(tx, { scopeRegionIds: [deskRegionId], roles: DESK_ROLES[level] ?? [] });

/** The unit holding the case: its handler (or the department's handlers), or the desk's staff. */
async function holderUnit(tx: DbOrTx, c: TimerCaseRow): Promise<number[]> {
  if (heldByDepartment(c)) return c.handlerUserId ? [c.handlerUserId] : recipientUserIds(tx, { departmentId: c.departmentId, roles: ['departmentHandler'] });
  return deskStaff(tx, c.level, c.deskRegionId);
}

/** The desk one level above the case's desk (the street above a community …). */
async function upperDesk(tx: DbOrTx, c: TimerCaseRow): Promise<number[]> {
  const roles = UPPER_DESK_ROLES[c.level];
  const parent = roles ? await repo.parentOf(tx, c.deskRegionId) : null;
  return parent ? recipientUserIds(tx, { scopeRegionIds: [parent], roles }) : [];
}

const caseParams = (c: TimerCaseRow) => ({ code: c.code, title: c.title, stage: c.stage, deadline: c.stageDeadlineAt?.toISOString() });

function timerEvent(c: TimerCaseRow, action: 'warning' | 'overdue', now: Date) {
  const actor = systemActor().actor;
  return {
    caseId: c.id,
    action,
    fromStatus: c.status,
    toStatus: c.status,
    actorUserId: null,
    actorName: actor.name,
    actorKind: 'system',
    departmentId: c.departmentId,
    note: null,
    data: { stage: c.stage, warnAt: c.stageWarnAt?.toISOString() ?? null, deadlineAt: c.stageDeadlineAt?.toISOString() ?? null },
    stageDeadlineAt: c.stageDeadlineAt,
    createdAt: now,
  };
}

async function warnBatch(db: Db, now: Date, batch: number): Promise<{ done: number; more: boolean }> {
  const ids = await repo.warningCandidates(db, now, batch);
  if (ids.length === 0) return { done: 0, more: false };
  const done = await db.transaction(async (tx) => {
    const turned = await repo.markYellow(tx, ids, now);
    await repo.insertEvents(tx, turned.map((c) => timerEvent(c, 'warning', now)));
    for (const c of turned) await notify(tx, { userIds: await holderUnit(tx, c), kind: 'warning', caseId: c.id, params: caseParams(c) });
    return turned.length;
  });
  return { done, more: ids.length === batch };
}

/** One overdue case in one transaction: red, the 'overdue' event, then 督办 by the system actor. */
async function markOverdue(db: Db, id: number, now: Date, log: TimerOptions['log']): Promise<{ red: boolean; supervised: boolean }> {
  return db.transaction(async (tx) => {
    const c = await repo.claimOverdue(tx, id, now);
    if (!c) return { red: false, supervised: false };
    await repo.insertEvents(tx, [timerEvent(c, 'overdue', now)]);
    const stage = STAGE_NAMES[c.stage ?? ''] ?? c.stage;
    const note = `系统督办：${stage}环节已超过时限（${formatLocal(c.stageDeadlineAt!)}）`;
    let supervised = false;
    try {
      // A nested transaction (a savepoint): a refused step rolls back alone, the red mark stays.
      await applyAction(tx as unknown as Db, systemActor(), c.id, 'supervise', { version: c.version, note });
      supervised = true;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      // The workflow refused (a state without 督办): the desk still hears of the overdue case.
      log?.warn(`case timer: 督办 of case ${c.code} refused (${e.code}); marked overdue only`);
      await notify(tx, { userIds: await holderUnit(tx, c), kind: 'overdue', caseId: c.id, params: caseParams(c) });
    }
    if (!heldByDepartment(c)) {
      const upper = await upperDesk(tx, c);
      if (upper.length) await notify(tx, { userIds: upper, kind: 'supervision', caseId: c.id, params: { ...caseParams(c), upper: true } });
    }
    return { red: true, supervised };
  });
}

async function missCalls(db: Db, now: Date, batch: number): Promise<{ done: number; more: boolean }> {
  const missed = await db.transaction(async (tx) => {
    const calls = await repo.markMissedCalls(tx, now, batch);
    for (const m of calls) {
      const leads = await recipientUserIds(tx, { departmentId: m.departmentId, roles: ['departmentLead'] });
      await notify(tx, { userIds: leads, kind: MISSED_CALL_KIND, caseId: m.caseId, params: { code: m.code, title: m.title, reason: 'checkInMissed', deadline: m.deadlineAt.toISOString() } });
    }
    return calls.length;
  });
  return { done: missed, more: missed === batch };
}

async function remindShelved(db: Db, now: Date, batch: number): Promise<{ done: number; more: boolean }> {
  const due = await repo.shelvedDue(db, localDay(now), SHELVED_KIND, batch);
  let told = 0;
  for (const s of due) {
    await db.transaction(async (tx) => {
      let userIds = await deskStaff(tx, s.level, s.deskRegionId);
      // A desk without staff: the level above is told instead, so the reminder is not lost.
      if (userIds.length === 0) {
        const parent = await repo.parentOf(tx, s.deskRegionId);
        const roles = UPPER_DESK_ROLES[s.level];
        if (parent && roles) userIds = await recipientUserIds(tx, { scopeRegionIds: [parent], roles });
      }
      if (userIds.length === 0) return;
      await notify(tx, { userIds, kind: SHELVED_KIND, caseId: s.id, params: { code: s.code, title: s.title, reviewOn: s.reviewOn } });
      told += 1;
    });
  }
  // Reminders that found nobody to tell are retried next tick, so they do not count as progress.
  return { done: told, more: due.length === batch && told > 0 };
}

/** Shanghai wall-clock time, 'YYYY-MM-DD HH:mm', for notes people read. */
const formatLocal = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** One pass over everything that may have fallen due. */
export async function runTick(db: Db, now: Date, opts: Pick<TimerOptions, 'batch' | 'maxBatches' | 'log'> = {}): Promise<TickResult> {
  const batch = opts.batch ?? 50;
  const maxBatches = opts.maxBatches ?? 20;
  const out: TickResult = { warned: 0, overdue: 0, supervised: 0, missedCalls: 0, shelvedReviews: 0 };
  // Overdue first: a case that passed both its warning and its deadline while nobody looked goes
  // straight to red (the warning query leaves out cases already past their deadline).
  for (let i = 0; i < maxBatches; i++) {
    const ids = await repo.overdueCandidates(db, now, batch);
    for (const id of ids) {
      try {
        const r = await markOverdue(db, id, now, opts.log);
        if (r.red) out.overdue += 1;
        if (r.supervised) out.supervised += 1;
      } catch (e) {
        // One case that cannot be written (its transaction rolled back) must not hold up the rest;
        // it stays a candidate and is tried again next tick.
        if (!opts.log) throw e;
        opts.log.error(`case timer: case ${id} could not be marked overdue: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (ids.length < batch) break;
  }
  const loop = async (step: () => Promise<{ done: number; more: boolean }>) => {
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const { done, more } = await step();
      total += done;
      if (!more) break;
    }
    return total;
  };
  out.warned = await loop(() => warnBatch(db, now, batch));
  out.missedCalls = await loop(() => missCalls(db, now, batch));
  out.shelvedReviews = await loop(() => remindShelved(db, now, batch));
  return out;
}

/**
 * Starts the timer (`wangge serve` does, right after listening). The first automatic tick runs at
 * once, so what fell due while the server was down is marked without waiting an interval. Ticks
 * never overlap: tick() waits for a running one. stop() waits for the running tick to end.
 */
export function startCaseTimer(db: Db, opts: TimerOptions = {}): CaseTimer {
  const intervalMs = opts.intervalMs ?? 30_000;
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? { warn: (m: string) => console.warn(m), error: (m: string) => console.error(m) };
  let last: Promise<unknown> = Promise.resolve();
  let stopped = false;
  let handle: NodeJS.Timeout | null = null;

  const tick = (): Promise<TickResult> => {
    const run = last.catch(() => undefined).then(() => runTick(db, now(), { batch: opts.batch, maxBatches: opts.maxBatches, log }));
    last = run;
    return run;
  };
  const schedule = (delay: number) => {
    if (stopped || intervalMs <= 0) return;
    handle = setTimeout(() => {
      tick()
        .catch((e: unknown) => log.error(`case timer: tick failed: ${e instanceof Error ? e.message : String(e)}`))
        .finally(() => schedule(intervalMs));
    }, delay);
    // The timer alone never keeps the process alive (shutdown closes the server, then stops it).
    handle.unref();
  };
  schedule(0);

  return {
    tick,
    async stop() {
      stopped = true;
      if (handle) clearTimeout(handle);
      await last.catch(() => undefined);
    },
  };
}
