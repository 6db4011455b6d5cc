// The weekly rules' thresholds (settings key `workforce.rules`). One set for the whole system:
// every grid worker is measured against the same 5-3-10, so only someone whose scope is the whole
// system (and who holds settings.write) may change it; a districtStaff account scoped to one
// community holds the permission but must not move the bar for everybody else.
import { Type, type Static } from '@sinclair/typebox';
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { getSetting, putSetting } from '../settings/index.ts';
import { DEFAULT_WORKFORCE_RULES, WORKFORCE_RULES_SETTING, type WorkforceRules } from './workforce.model.ts';
import { workforceInvalid } from './workforce.common.ts';

export const WorkforceRulesBody = Type.Object(
  {
    entries: Type.Integer({ minimum: 1, maximum: 50 }),
    hoursPerEntry: Type.Number({ minimum: 0.5, maximum: 24 }),
    residents: Type.Integer({ minimum: 0, maximum: 1000 }),
    teamVisits: Type.Integer({ minimum: 1, maximum: 7 }),
    teamMinMembers: Type.Integer({ minimum: 1, maximum: 50 }),
    deputyLookbackWeeks: Type.Integer({ minimum: 1, maximum: 52 }),
    excellentShare: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
  },
  { additionalProperties: false },
);
export type WorkforceRulesInput = Static<typeof WorkforceRulesBody>;

/** Stored rules over the defaults (a key added later keeps its default until someone sets it). */
export async function workforceRules(db: DbOrTx): Promise<WorkforceRules> {
  const stored = await getSetting<Partial<WorkforceRules>>(db, WORKFORCE_RULES_SETTING);
  return { ...DEFAULT_WORKFORCE_RULES, ...(stored ?? {}) };
}

export async function setWorkforceRules(db: Db, ctx: RequestContext, input: WorkforceRulesInput): Promise<WorkforceRules> {
  assertPermission(ctx, 'settings.write');
  if (ctx.actor.scope.path !== '/') throw new AppError('SCOPE_DENIED');
  // Minutes are the finest unit a visit is timed in.
  if (Math.round(input.hoursPerEntry * 60) !== input.hoursPerEntry * 60) {
    throw workforceInvalid({ zh: '每次时长', en: 'hours per entry' }, { zh: '须为整分钟', en: 'must be whole minutes' });
  }
  const after: WorkforceRules = { ...DEFAULT_WORKFORCE_RULES, ...input };
  await db.transaction(async (tx) => {
    const before = await workforceRules(tx);
    await putSetting(tx, WORKFORCE_RULES_SETTING, after);
    await recordAudit(tx, ctx, { action: 'workforce.rules', entityType: 'settings', entityId: WORKFORCE_RULES_SETTING, regionPath: null, before, after });
  });
  return after;
}
