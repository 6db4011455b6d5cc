// The transition table as data: its shape (every state reachable, final states final, no two rows
// for one (from, action, when), rows sharing (from, action) agreeing on who and what they need),
// the guards that read it (actor kinds, relations, conditions, refusal order), the stage
// allowances, and docs/cases-workflow.md listing every row and edge.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { piiLookupHash } from '../../shared/pii.ts';
import { permissionsOf } from '../accounts/permissions.ts';
import { buildCalendar } from '../calendar/calendar.ts';
import type { CategoryRow } from './cases.actions.repository.ts';
import { actorKindsFor, availableActions, inputCondition, permittedRows, relationHolds, systemActor, type CaseRow } from './cases.guards.ts';
import { NO_STAGE, stageAllowance, startStage, timerStateAt } from './cases.stages.ts';
import {
  ACTOR_KINDS,
  actionsFor,
  CASE_ACTIONS,
  CASE_STATUSES,
  OPEN_STATUSES,
  STAGES,
  TRANSITIONS,
  transitionsFor,
  type CaseStatus,
} from './cases.workflow.ts';

const target = (t: (typeof TRANSITIONS)[number]): CaseStatus => (t.to === 'same' ? t.from : t.to);

describe('the transition table', () => {
  it('reaches every state from reported', () => {
    const seen = new Set<CaseStatus>(['reported']);
    const queue: CaseStatus[] = ['reported'];
    while (queue.length) {
      const s = queue.shift()!;
      for (const t of TRANSITIONS) if (t.from === s && !seen.has(target(t))) (seen.add(target(t)), queue.push(target(t)));
    }
    expect([...seen].sort()).toEqual([...CASE_STATUSES].sort());
  });

  it('has no two rows for one (from, action, when)', () => {
    const keys = TRANSITIONS.map((t) => `${t.from}|${t.action}|${t.when ?? ''}`);
    expect(keys.length).toBe(new Set(keys).size);
  });

  it('ends in rejected and merged, and closed only waits for feedback', () => {
    const out = (s: CaseStatus) => [...new Set(TRANSITIONS.filter((t) => t.from === s).map((t) => t.action))];
    expect(out('rejected')).toEqual([]);
    expect(out('merged')).toEqual([]);
    expect(out('closed')).toEqual(['feedback']);
    // Every open state has a way forward, and the open list is exactly the states not final.
    for (const s of OPEN_STATUSES) expect(out(s).length, s).toBeGreaterThan(0);
    expect([...OPEN_STATUSES].sort()).toEqual(CASE_STATUSES.filter((s) => !['rejected', 'merged', 'closed'].includes(s)).sort());
    // Every open state but reported leads (eventually) to closed.
    const canClose = new Set<CaseStatus>(['closed']);
    for (let changed = true; changed; ) {
      changed = false;
      for (const t of TRANSITIONS) if (canClose.has(target(t)) && !canClose.has(t.from)) (canClose.add(t.from), (changed = true));
    }
    for (const s of OPEN_STATUSES) expect(canClose.has(s), s).toBe(true);
  });

  it('rows sharing (from, action) agree on who, relation and requirements, and differ by condition', () => {
    const groups = new Map<string, (typeof TRANSITIONS)[number][]>();
    for (const t of TRANSITIONS) groups.set(`${t.from}|${t.action}`, [...(groups.get(`${t.from}|${t.action}`) ?? []), t]);
    for (const [k, rows] of groups) {
      if (rows.length === 1) continue;
      for (const r of rows) {
        expect(r.who, k).toEqual(rows[0].who);
        expect(r.relation, k).toBe(rows[0].relation);
        expect(r.requires, k).toEqual(rows[0].requires);
        expect(r.when, k).toBeDefined();
      }
    }
    expect(transitionsFor('closed', 'feedback').map((t) => t.when)).toEqual(['satisfied', 'dissatisfiedFirst', 'dissatisfiedAgain']);
  });

  it('uses every action and every actor kind, and only known stages', () => {
    expect([...new Set(TRANSITIONS.map((t) => t.action))].sort()).toEqual([...CASE_ACTIONS].sort());
    expect([...new Set(TRANSITIONS.flatMap((t) => t.who))].sort()).toEqual([...ACTOR_KINDS].sort());
    for (const t of TRANSITIONS) {
      if (t.stage) expect(STAGES).toContain(t.stage);
      // A step that keeps the state never restarts a clock; a step into a state with no clock stops it.
      if (t.to === 'same') expect(t.stage, `${t.from} ${t.action}`).toBeUndefined();
      if (['closed', 'rejected', 'merged', 'shelved', 'supervision', 'verified'].includes(t.to)) expect(t.stage, `${t.from} ${t.action}`).toBeNull();
    }
  });

  it('lists buttons per kind', () => {
    expect(actionsFor('reported', ['gridWorker']).sort()).toEqual(['resolveOnSpot']);
    expect(actionsFor('handling', ['departmentHandler']).sort()).toEqual(['checkIn', 'handle', 'postPart', 'progress', 'requestExtension']);
    expect(actionsFor('closed', ['reporter'])).toEqual(['feedback']);
  });
});

// ---- guards ----------------------------------------------------------------------------------

const ctxOf = (roles: string[], scope: { regionId: number | null; path: string }, departmentId: number | null = null, userId: number | null = 7): RequestContext => ({
  actor: { userId, name: 'x', roles, permissions: permissionsOf(roles), scope, departmentId },
  requestId: 'r',
  clientIp: null,
  lang: 'zh-CN',
});

// A case in micro-grid 6 of grid 5 of community 4 (street 3, district 2, city 1), at the community desk.
const caseRow = (over: Partial<CaseRow> = {}): CaseRow =>
  ({
    id: 1,
    status: 'reported',
    level: 'community',
    deskRegionId: 4,
    deskRegionPath: '/1/2/3/4/',
    regionId: 6,
    regionPath: '/1/2/3/4/5/6/',
    departmentId: null,
    reporterUserId: 99,
    reporterMobileHash: null,
    reopenCount: 0,
    version: 1,
    ...over,
  }) as CaseRow;

const community = ctxOf(['communityStaff'], { regionId: 4, path: '/1/2/3/4/' });
const sibling = ctxOf(['communityStaff'], { regionId: 40, path: '/1/2/3/40/' });
const street = ctxOf(['streetStaff'], { regionId: 3, path: '/1/2/3/' });
const district = ctxOf(['districtStaff'], { regionId: 2, path: '/1/2/' });
const admin = ctxOf(['admin'], { regionId: null, path: '/' });
const handler = ctxOf(['departmentHandler'], { regionId: 2, path: '/1/2/' }, 11);
const otherHandler = ctxOf(['departmentHandler'], { regionId: 2, path: '/1/2/' }, 12);
const lead = ctxOf(['departmentLead'], { regionId: 2, path: '/1/2/' }, 11);
const gridWorker = ctxOf(['gridWorker'], { regionId: 5, path: '/1/2/3/4/5/' });
const otherGrid = ctxOf(['gridChief'], { regionId: 50, path: '/1/2/3/4/50/' });
const supervisor = ctxOf(['supervisor'], { regionId: 2, path: '/1/2/' });
const resident = ctxOf(['resident'], { regionId: 6, path: '/1/2/3/4/5/6/' }, null, 99);

const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as AppError).code;
  }
  return 'allowed';
};

describe('actor kinds and relations', () => {
  it('maps roles to kinds, and the reporter by account or by mobile', () => {
    const row = caseRow({ reporterMobileHash: piiLookupHash('13800001111') });
    expect(actorKindsFor(community, row)).toEqual(['communityDispatcher']);
    expect(actorKindsFor(admin, row)).toEqual(['districtDispatcher']);
    expect(actorKindsFor(lead, row)).toEqual(['departmentHandler']);
    expect(actorKindsFor(otherGrid, row)).toEqual(['gridWorker']);
    expect(actorKindsFor(resident, row)).toEqual(['reporter']);
    const anonymous = ctxOf([], { regionId: null, path: '/' }, null, null);
    expect(actorKindsFor(anonymous, row)).toEqual([]);
    expect(actorKindsFor(anonymous, row, { reporterMobile: '13800001111' })).toEqual(['reporter']);
    expect(actorKindsFor(anonymous, row, { reporterMobile: '13800002222' })).toEqual([]);
    expect(actorKindsFor(systemActor(), row)).toEqual(['system']);
    // A role without its permission (e.g. a narrowed token) does not make the kind.
    expect(actorKindsFor({ ...community, actor: { ...community.actor, permissions: new Set(['cases.read']) } }, row)).toEqual([]);
  });

  it('checks the desk by region and level', () => {
    const row = caseRow();
    expect(relationHolds(community, row, 'communityDispatcher', 'desk')).toBe(true);
    expect(relationHolds(sibling, row, 'communityDispatcher', 'desk')).toBe(false);
    expect(relationHolds(street, row, 'streetDispatcher', 'desk')).toBe(false);
    const atStreet = caseRow({ level: 'street', deskRegionId: 3, deskRegionPath: '/1/2/3/' });
    expect(relationHolds(street, atStreet, 'streetDispatcher', 'desk')).toBe(true);
    expect(relationHolds(community, atStreet, 'communityDispatcher', 'desk')).toBe(false);
    const atDistrict = caseRow({ level: 'district', deskRegionId: 2, deskRegionPath: '/1/2/' });
    expect(relationHolds(district, atDistrict, 'districtDispatcher', 'desk')).toBe(true);
    expect(relationHolds(admin, atDistrict, 'districtDispatcher', 'desk')).toBe(true);
    expect(relationHolds(admin, row, 'districtDispatcher', 'desk')).toBe(false);
  });

  it('checks handler, assist, called, grid and reporter', () => {
    const assigned = caseRow({ status: 'handling', departmentId: 11 });
    expect(relationHolds(handler, assigned, 'departmentHandler', 'handler')).toBe(true);
    expect(relationHolds(otherHandler, assigned, 'departmentHandler', 'handler')).toBe(false);
    expect(relationHolds(community, assigned, 'communityDispatcher', 'handler')).toBe(false);
    // Study mode: no department, the desk handles.
    expect(relationHolds(community, caseRow({ status: 'handling' }), 'communityDispatcher', 'handler')).toBe(true);
    const units = [
      { departmentId: 11, role: 'lead', postedAt: null },
      { departmentId: 12, role: 'assist', postedAt: null },
      { departmentId: 13, role: 'assist', postedAt: new Date() },
    ];
    expect(relationHolds(otherHandler, assigned, 'departmentHandler', 'assist', { units })).toBe(true);
    expect(relationHolds(ctxOf(['departmentHandler'], handler.actor.scope, 13), assigned, 'departmentHandler', 'assist', { units })).toBe(false);
    expect(relationHolds(handler, assigned, 'departmentHandler', 'assist', { units })).toBe(false);
    const calls = [
      { departmentId: 12, outcome: 'pending', checkedInAt: null },
      { departmentId: 13, outcome: 'onTime', checkedInAt: new Date() },
      { departmentId: 14, outcome: 'missed', checkedInAt: null },
    ];
    expect(relationHolds(otherHandler, assigned, 'departmentHandler', 'called', { calls })).toBe(true);
    expect(relationHolds(ctxOf(['departmentHandler'], handler.actor.scope, 13), assigned, 'departmentHandler', 'called', { calls })).toBe(false);
    expect(relationHolds(ctxOf(['departmentHandler'], handler.actor.scope, 14), assigned, 'departmentHandler', 'called', { calls })).toBe(true);
    expect(relationHolds(gridWorker, assigned, 'gridWorker', 'grid')).toBe(true);
    expect(relationHolds(otherGrid, assigned, 'gridWorker', 'grid')).toBe(false);
    expect(relationHolds(community, assigned, 'communityDispatcher', 'grid')).toBe(true);
    expect(relationHolds(community, assigned, 'communityDispatcher', 'reporter')).toBe(true);
    expect(relationHolds(sibling, assigned, 'communityDispatcher', 'reporter')).toBe(false);
  });

  it('refuses in order: state, then kind, then relation; escalation stops at the district', () => {
    expect(refusal(() => permittedRows(community, caseRow({ status: 'closed' }), 'dispatch'))).toBe('CASE_ACTION_NOT_ALLOWED');
    expect(refusal(() => permittedRows(handler, caseRow(), 'register'))).toBe('CASE_ACTOR_NOT_ALLOWED');
    expect(refusal(() => permittedRows(sibling, caseRow(), 'register'))).toBe('CASE_ACTOR_NOT_ALLOWED');
    expect(permittedRows(community, caseRow(), 'register').kind).toBe('communityDispatcher');
    const atDistrict = caseRow({ status: 'registered', level: 'district', deskRegionId: 2, deskRegionPath: '/1/2/' });
    expect(refusal(() => permittedRows(district, atDistrict, 'escalate'))).toBe('CASE_ESCALATION_TOP');
    expect(permittedRows(community, caseRow({ status: 'registered' }), 'escalate').rows).toHaveLength(1);
    // The refusal carries a bilingual reason.
    try {
      permittedRows(sibling, caseRow(), 'register');
    } catch (e) {
      expect((e as AppError).params.reason).toEqual({ zh: expect.any(String), en: 'the case is not at your desk' });
    }
  });

  it('picks the feedback row by the answer and the reopen count', () => {
    const row = caseRow({ status: 'closed' });
    const pick = (r: CaseRow, s: string) => transitionsFor('closed', 'feedback').find((t) => inputCondition(t.when, r, s))!.when;
    expect(pick(row, 'satisfied')).toBe('satisfied');
    expect(pick(row, 'basicallySatisfied')).toBe('satisfied');
    expect(pick(row, 'dissatisfied')).toBe('dissatisfiedFirst');
    expect(pick({ ...row, reopenCount: 1 }, 'dissatisfied')).toBe('dissatisfiedAgain');
  });

  it('offers buttons only where kind and relation hold', () => {
    expect(availableActions(community, caseRow()).sort()).toEqual(['merge', 'register', 'reject']);
    expect(availableActions(sibling, caseRow())).toEqual([]);
    expect(availableActions(gridWorker, caseRow())).toEqual(['resolveOnSpot']);
    const handling = caseRow({ status: 'handling', departmentId: 11 });
    expect(availableActions(handler, handling).sort()).toEqual(['handle', 'progress', 'requestExtension']);
    expect(availableActions(otherHandler, handling, { units: [{ departmentId: 12, role: 'assist', postedAt: null }] })).toEqual(['postPart']);
    expect(availableActions(supervisor, handling)).toEqual(['supervise']);
    expect(availableActions(community, handling).sort()).toEqual(['approveExtension', 'escalate', 'refuseExtension', 'shelve', 'whistle']);
    expect(availableActions(resident, caseRow({ status: 'closed' }))).toEqual(['feedback']);
  });
});

// ---- stage clocks ----------------------------------------------------------------------------

const category = {
  dispatchAmount: 2,
  dispatchUnit: 'workingHours',
  respondAmount: 4,
  respondUnit: 'workingHours',
  handleAmount: 5,
  handleUnit: 'workingDays',
  verifyAmount: 1,
  verifyUnit: 'workingDays',
  urgentHandleHours: 24,
} as CategoryRow;

describe('stage clocks', () => {
  it('takes the category amounts, and natural hours when urgent', () => {
    expect(stageAllowance(category, 'handle', false)).toEqual({ amount: 5, unit: 'workingDays' });
    expect(stageAllowance(category, 'handle', true)).toEqual({ amount: 24, unit: 'naturalHours' });
    expect(stageAllowance(category, 'respond', true)).toEqual({ amount: 4, unit: 'naturalHours' });
    // 1 working day = one office day of 7 hours (08:30–12:00, 14:00–17:30).
    expect(stageAllowance(category, 'verify', true)).toEqual({ amount: 7, unit: 'naturalHours' });
  });

  it('starts a clock on the working calendar: warning at 80 %, green', () => {
    const cal = buildCalendar([]);
    // Monday 2026-03-02 09:00 Shanghai; 2 working hours → 11:00, warning at 1.6 h → 10:36.
    const now = new Date('2026-03-02T09:00:00+08:00');
    const c = startStage(cal, category, 'dispatch', false, now);
    expect(c).toEqual({ stage: 'dispatch', stageStartedAt: now, stageWarnAt: new Date('2026-03-02T10:36:00+08:00'), stageDeadlineAt: new Date('2026-03-02T11:00:00+08:00'), timerState: 'green' });
    expect(NO_STAGE.timerState).toBe('none');
    expect(timerStateAt(c.stageWarnAt, c.stageDeadlineAt, new Date('2026-03-02T10:40:00+08:00'))).toBe('yellow');
    expect(timerStateAt(c.stageWarnAt, c.stageDeadlineAt, new Date('2026-03-02T11:00:00+08:00'))).toBe('red');
  });
});

// ---- the document --------------------------------------------------------------------------

describe('docs/cases-workflow.md', () => {
  const doc = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/cases-workflow.md'), 'utf8');

  it('lists every row of the table', () => {
    for (const t of TRANSITIONS) {
      const stage = t.stage === undefined ? '' : t.stage === null ? 'none' : t.stage;
      const line = `| ${t.from} | ${t.action} | ${t.to} | ${t.who.join(', ')} | ${t.relation} | ${t.when ?? ''} | ${stage} | ${(t.requires ?? []).join(', ')} |`;
      expect(doc, line).toContain(line);
    }
    // No stale rows either: every row line in the document is one of the table's.
    const rows = doc.split('\n').filter((l) => CASE_STATUSES.some((s) => l.startsWith(`| ${s} | `)));
    expect(rows).toHaveLength(TRANSITIONS.length);
  });

  it('draws every edge in the state diagram', () => {
    for (const t of TRANSITIONS) {
      const label = t.when ? `${t.action} [${t.when}]` : t.action;
      const edge = doc.split('\n').find((l) => l.trim().startsWith(`${t.from} --> ${target(t)} : `));
      expect(edge, `${t.from} --> ${target(t)}`).toBeDefined();
      expect(edge!.split(' : ')[1].split(', ')).toContain(label);
    }
  });
});
