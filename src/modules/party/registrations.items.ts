// What a registration takes on in its community: pioneer posts (党员先锋岗) and pledges (承诺事项)
// while it is active, and the service it gives (hours, any day it was registered). Pledges move
// through the transition table in registrations.model.ts.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError, type Bilingual } from '../../shared/errors.ts';
import { scoped } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import { loadPartyScoped, partyConflict, partyInvalid } from './party.common.ts';
import { isDay, pledgeStatusName, pledgeTransition, REGISTRATION_FIELDS as F, serviceHoursProblem, shanghaiToday, type PledgeStatus } from './registrations.model.ts';
import { toPledgeView, toPostView, toServiceView } from './registrations.present.ts';
import * as repo from './registrations.repository.ts';
import { loadRegistration } from './registrations.service.ts';
import type { PioneerPostView, PledgeView, ServiceRecordView } from './registrations.views.ts';

const required = (field: Bilingual, v: string): string => {
  const t = v.trim();
  if (!t) throw partyInvalid(field, { zh: '必填', en: 'required' });
  return t;
};

/** The registration, in scope and still active (posts and pledges are taken on while registered). */
async function activeRegistration(db: DbOrTx, ctx: RequestContext, id: number, action: Bilingual) {
  const r = await loadRegistration(scoped(db, ctx.actor.scope), id);
  if (r.deregisteredOn) throw new AppError('PARTY_REGISTRATION_ENDED', { on: r.deregisteredOn, action });
  return r;
}

export async function addPost(db: Db, ctx: RequestContext, registrationId: number, input: { title: string; duty?: string }): Promise<PioneerPostView> {
  assertPermission(ctx, 'party.write');
  const title = required(F.title, input.title);
  return db.transaction(async (tx) => {
    const r = await activeRegistration(tx, ctx, registrationId, { zh: '设岗', en: 'add a post' });
    const post = await repo.insertPost(tx, { registrationId, title, duty: (input.duty ?? '').trim() });
    await recordAudit(tx, ctx, { action: 'pioneerPost.create', entityType: 'pioneerPost', entityId: post.id, regionPath: r.regionPath, after: post });
    return toPostView(post);
  });
}

export async function addPledge(db: Db, ctx: RequestContext, registrationId: number, input: { title: string; dueOn: string }): Promise<PledgeView> {
  assertPermission(ctx, 'party.write');
  const title = required(F.title, input.title);
  if (!isDay(input.dueOn)) throw partyInvalid(F.dueOn, { zh: `${input.dueOn} 不是有效日期`, en: `${input.dueOn} is not a calendar day` });
  return db.transaction(async (tx) => {
    const r = await activeRegistration(tx, ctx, registrationId, { zh: '作出承诺', en: 'add a pledge' });
    if (input.dueOn < r.registeredOn) throw partyInvalid(F.dueOn, { zh: `${input.dueOn} 早于报到日期 ${r.registeredOn}`, en: `${input.dueOn} is before the registration (${r.registeredOn})` });
    const pledge = await repo.insertPledge(tx, { registrationId, title, dueOn: input.dueOn });
    await recordAudit(tx, ctx, { action: 'pledge.create', entityType: 'pledge', entityId: pledge.id, regionPath: r.regionPath, after: pledge });
    return toPledgeView(pledge, shanghaiToday());
  });
}

export interface PledgePatch {
  version: number;
  status: PledgeStatus;
  fulfilledOn?: string | null;
  evidence?: string | null;
}

export async function updatePledge(db: Db, ctx: RequestContext, id: number, patch: PledgePatch): Promise<PledgeView> {
  assertPermission(ctx, 'party.write');
  const today = shanghaiToday();
  return db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const { pledge: before, registration } = await loadPartyScoped('pledge', () => repo.findPledge(sdb, id), () => repo.unscopedPledgeExists(tx, id));
    const step = pledgeTransition({ ...before, status: before.status as PledgeStatus }, patch, today, registration.registeredOn);
    if (!step.ok) throw new AppError('PARTY_PLEDGE_TRANSITION', { from: pledgeStatusName(before.status as PledgeStatus), to: pledgeStatusName(patch.status), reason: step.reason });
    const after = await repo.updatePledge(tx, id, patch.version, step.value);
    if (!after) throw partyConflict();
    await recordAudit(tx, ctx, { action: 'pledge.update', entityType: 'pledge', entityId: id, regionPath: registration.regionPath, before, after });
    return toPledgeView(after, today);
  });
}

export async function addService(db: Db, ctx: RequestContext, registrationId: number, input: { servedOn: string; hours: number; activity: string }): Promise<ServiceRecordView> {
  assertPermission(ctx, 'party.write');
  const activity = required(F.activity, input.activity);
  const hoursProblem = serviceHoursProblem(input.hours);
  if (hoursProblem) throw partyInvalid(F.hours, hoursProblem);
  if (!isDay(input.servedOn)) throw partyInvalid(F.servedOn, { zh: `${input.servedOn} 不是有效日期`, en: `${input.servedOn} is not a calendar day` });
  if (input.servedOn > shanghaiToday()) throw partyInvalid(F.servedOn, { zh: `${input.servedOn} 晚于今天`, en: `${input.servedOn} is in the future` });
  return db.transaction(async (tx) => {
    const r = await loadRegistration(scoped(tx, ctx.actor.scope), registrationId);
    // Service counts only for days the registration ran (recorded afterwards is fine).
    if (input.servedOn < r.registeredOn) throw partyInvalid(F.servedOn, { zh: `${input.servedOn} 早于报到日期 ${r.registeredOn}`, en: `${input.servedOn} is before the registration (${r.registeredOn})` });
    if (r.deregisteredOn && input.servedOn > r.deregisteredOn) throw partyInvalid(F.servedOn, { zh: `${input.servedOn} 晚于注销日期 ${r.deregisteredOn}`, en: `${input.servedOn} is after the registration ended (${r.deregisteredOn})` });
    const row = await repo.insertService(tx, { registrationId, servedOn: input.servedOn, hours: input.hours, activity });
    await recordAudit(tx, ctx, { action: 'registrationService.create', entityType: 'registrationService', entityId: row.id, regionPath: r.regionPath, after: row });
    return toServiceView(row);
  });
}
