// The party rules (settings key `party.rules`) and the warnings they raise: a branch grown past
// the limit, grids and estates with no organization, owners' committees led by party members
// (红色业委会), temporary branches past their end. Reading needs no permission; changing the rules
// needs `settings.write` and a whole-system scope (they apply to every city), and is audited.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import { loadInScope } from '../regions/index.ts';
import { ownersCommitteeShares } from '../registry/index.ts';
import { getSetting, putSetting } from '../settings/index.ts';
import { partyInvalid } from './party.common.ts';
import { PARTY_RULES_SETTING, type PartyRules } from './party.model.ts';
import { todayShanghai } from './orgs.rules.ts';
import * as repo from './rules.repository.ts';
import {
  branchTooLarge,
  branchTooLargeWarning,
  effectiveRules,
  estateWithoutOrgWarning,
  gridWithoutOrgWarning,
  partyLedWarning,
  rulesProblem,
  temporaryExpired,
  temporaryExpiredWarning,
} from './rules.logic.ts';
import type { PartyWarning, PartyWarningKind, PartyWarningsView } from './rules.views.ts';

/** Items listed per kind; the summary still counts them all. */
export const WARNING_CAP = 100;

export async function getPartyRules(db: DbOrTx): Promise<PartyRules> {
  return effectiveRules(await getSetting<unknown>(db, PARTY_RULES_SETTING));
}

export async function putPartyRules(db: Db, ctx: RequestContext, rules: PartyRules): Promise<PartyRules> {
  assertPermission(ctx, 'settings.write');
  // One set of rules for the whole system: only someone whose scope is the whole system sets it.
  if (ctx.actor.scope.path !== '/') throw new AppError('SCOPE_DENIED');
  const p = rulesProblem(rules);
  if (p) throw partyInvalid(p.field, p.reason);
  const clean: PartyRules = {
    branchMaxMembers: rules.branchMaxMembers,
    householdsPerLiaison: { min: rules.householdsPerLiaison.min, max: rules.householdsPerLiaison.max },
    liaisonsPerLeader: { min: rules.liaisonsPerLeader.min, max: rules.liaisonsPerLeader.max },
  };
  return db.transaction(async (tx) => {
    const before = await getPartyRules(tx);
    await putSetting(tx, PARTY_RULES_SETTING, clean);
    await recordAudit(tx, ctx, { action: 'settings.partyRules', entityType: 'settings', entityId: PARTY_RULES_SETTING, regionPath: null, before, after: clean });
    return clean;
  });
}

/** Warnings about one organization (for its detail view). */
export function orgWarnings(rules: PartyRules, org: { id: number; name: string; kind: string; endOn: string | null; memberCountTotal: number; region: { id: number; name: string } }, today: string): PartyWarning[] {
  const out: PartyWarning[] = [];
  const region = { id: org.region.id, name: org.region.name };
  if (org.kind === 'branch' && branchTooLarge(org.memberCountTotal, rules)) out.push(branchTooLargeWarning(org, region, org.memberCountTotal, rules));
  if (org.kind === 'temporaryBranch' && temporaryExpired(org.endOn, today)) out.push(temporaryExpiredWarning(org, region, org.endOn!, today));
  return out;
}

export async function listWarnings(db: Db, ctx: RequestContext, q: { regionId?: number }): Promise<PartyWarningsView> {
  const sdb = scoped(db, ctx.actor.scope);
  const region = q.regionId ? await loadInScope(sdb, q.regionId) : null;
  const path = region?.path;
  const rules = await getPartyRules(db);
  const today = todayShanghai();
  const items: PartyWarning[] = [];
  const summary = {} as PartyWarningsView['summary'];
  const add = (kind: PartyWarningKind, checked: number, flagged: PartyWarning[], flaggedTotal = flagged.length) => {
    const listed = flagged.slice(0, WARNING_CAP);
    items.push(...listed);
    summary[kind] = { checked, flagged: flaggedTotal, listed: listed.length };
  };

  const branches = await repo.branchSizes(sdb, path);
  add(
    'branchTooLarge',
    branches.length,
    branches.filter((b) => branchTooLarge(b.members, rules)).map((b) => branchTooLargeWarning(b, { id: b.regionId, name: b.regionName }, b.members, rules)),
  );

  const grids = await repo.gridsWithoutOrg(sdb, path, WARNING_CAP);
  add('gridWithoutOrg', grids.total, grids.rows.map((g) => gridWithoutOrgWarning(g, g.regionId ? { id: g.regionId, name: g.regionName ?? '' } : null)), grids.flagged);

  const estates = await repo.estatesWithoutOrg(sdb, path, WARNING_CAP);
  add('estateWithoutOrg', estates.total, estates.rows.map((e) => estateWithoutOrgWarning(e, e.regionId ? { id: e.regionId, name: e.regionName ?? '' } : null)), estates.flagged);

  const committees = await ownersCommitteeShares(sdb, path);
  add(
    'partyLedOwnersCommittee',
    committees.length,
    committees.filter((c) => c.partyLed).map((c) => partyLedWarning(c, { id: c.regionId, name: c.regionName }, c.partyMembers, c.members)),
  );

  const temporary = await repo.temporaryBranches(sdb, path);
  add(
    'temporaryBranchExpired',
    temporary.length,
    temporary.filter((o) => temporaryExpired(o.endOn, today)).map((o) => temporaryExpiredWarning(o, { id: o.regionId, name: o.regionName }, o.endOn!, today)),
  );

  return { rules, region: region ? { id: region.id, name: region.name } : null, summary, cap: WARNING_CAP, items };
}
