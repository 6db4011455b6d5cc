// Stay periods of seasonal residents (候鸟): replaced as a whole, each leave on or after its
// arrival, no two periods overlapping, and only an open period (still here) may lack a leave date.
import type { Db } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { ENTITY_NAMES } from './registry.common.ts';
import { checkIsoDate, throwProblems } from './residents.input.ts';
import * as repo from './residents.repository.ts';
import { getResident, loadResident, sdbOf } from './residents.service.ts';
import type { ResidentDetail } from './residents.views.ts';

export interface StayInput {
  arriveOn: string;
  leaveOn: string | null;
  note?: string;
}

const problem = (zh: string, en: string): never => throwProblems([{ column: 'stays', reason: { zh, en } }]);

/** Sorted, checked periods; throws REGISTRY_FIELD_INVALID naming the first bad one. */
export function checkStays(stays: StayInput[]): { arriveOn: string; leaveOn: string | null; note: string }[] {
  const out = stays.map((s, i) => {
    const n = i + 1;
    const a = checkIsoDate(s.arriveOn, new Date(), true);
    if (a) problem(`第 ${n} 段到达日期：${a.zh}`, `period ${n} arrival: ${a.en}`);
    if (s.leaveOn !== null) {
      const l = checkIsoDate(s.leaveOn, new Date(), true);
      if (l) problem(`第 ${n} 段离开日期：${l.zh}`, `period ${n} leaving: ${l.en}`);
      if (s.leaveOn < s.arriveOn) problem(`第 ${n} 段离开日期早于到达日期`, `period ${n} ends before it starts`);
    }
    return { arriveOn: s.arriveOn, leaveOn: s.leaveOn, note: (s.note ?? '').trim() };
  });
  out.sort((x, y) => (x.arriveOn < y.arriveOn ? -1 : x.arriveOn > y.arriveOn ? 1 : 0));
  for (let i = 1; i < out.length; i++) {
    const prev = out[i - 1];
    // An open period runs until today and beyond: nothing may start after it.
    if (prev.leaveOn === null || prev.leaveOn >= out[i].arriveOn) {
      problem(`${prev.arriveOn} 起的时段与 ${out[i].arriveOn} 起的时段重叠`, `the period from ${prev.arriveOn} overlaps the one from ${out[i].arriveOn}`);
    }
  }
  return out;
}

export async function replaceResidentStays(db: Db, ctx: RequestContext, id: number, stays: StayInput[]): Promise<ResidentDetail> {
  assertPermission(ctx, 'registry.write');
  const clean = checkStays(stays);
  await db.transaction(async (tx) => {
    const r = await loadResident(sdbOf(tx, ctx), id);
    if (r.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.resident });
    if (!r.seasonal) problem('只有候鸟人员才登记居住时段', 'stay periods are only for seasonal residents');
    const before = await repo.listStays(tx, id);
    await repo.replaceStays(tx, id, clean);
    await recordAudit(tx, ctx, {
      action: 'resident.stays',
      entityType: 'resident',
      entityId: id,
      regionPath: r.regionPath,
      before: before.map((s) => ({ arriveOn: s.arriveOn, leaveOn: s.leaveOn, note: s.note })),
      after: clean,
    });
  });
  return getResident(db, ctx, id);
}
