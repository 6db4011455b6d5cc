// Every row of the transition table (cases.workflow.ts) driven through POST /cases/:id/actions/:action:
// allowed with an actor of the row's kinds and relation (and the step's effects checked), then
// refused for an actor of no listed kind, for an actor of the right kind without the relation, and
// from a state the action has no row for. The refusals are generated from the table itself, and
// none of them may change anything. Then the rules the rows carry: modes, escalation to the top,
// extensions, joint units, whistles, feedback and merged reporters, the timer's system actor.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAction } from '../../src/modules/cases/cases.actions.ts';
import { systemActor } from '../../src/modules/cases/cases.guards.ts';
import type { CaseDetail } from '../../src/modules/cases/cases.views.ts';
import { CASE_STATUSES, TRANSITIONS, transitionsFor, type ActorKind, type CaseStatus, type Transition } from '../../src/modules/cases/cases.workflow.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { CATEGORY, caseSite, categoryByCode, reportCase, uploadPhoto } from '../support/cases.ts';

let t: TestApp;
const cookie: Record<string, string> = {};
const USERS = ['admin', 'qu01', 'jd01', 'sq01', 'sq02', 'wgy01', 'wgz01', 'sj01', 'bm01', 'bmfz01', 'bm02', 'bm03', 'dd01'] as const;
type User = (typeof USERS)[number];
const dept = { cgj: 0, scjg: 0, gafj: 0 };
let garbage = 0;
let foreignDept = 0;

async function rows<T = Record<string, unknown>>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}
const userId = async (username: string) => Number((await rows<{ id: number }>(sql`SELECT id FROM users WHERE username = ${username}`))[0].id);

/** A case as the test tracks it: its id and the version last seen. */
interface Live {
  id: number;
  code: string;
  version: number;
}

async function act(who: User, c: Live, action: string, body: Record<string, unknown> = {}): Promise<CaseDetail> {
  const res = await t.as(cookie[who], { method: 'POST', url: `/api/v1/cases/${c.id}/actions/${action}`, payload: { version: c.version, ...body } });
  if (res.statusCode !== 200) throw new Error(`${who} ${action} on case ${c.id}: ${res.statusCode} ${res.body}`);
  const d = res.json() as CaseDetail;
  c.version = d.version;
  return d;
}

async function refused(who: User, c: Live, action: string, body: Record<string, unknown> = {}) {
  const res = await t.as(cookie[who], { method: 'POST', url: `/api/v1/cases/${c.id}/actions/${action}`, payload: { version: c.version, ...body } });
  return { status: res.statusCode, code: (res.json() as { code?: string }).code, message: (res.json() as { message?: string }).message };
}

async function fresh(over: Parameters<typeof reportCase>[2] = {}): Promise<Live> {
  const d = await reportCase(t, cookie.wgy01, over);
  return { id: d.id, code: d.code, version: d.version };
}

const tomorrowPlus = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

// ---- paths to each state -----------------------------------------------------------------------

type Setup = () => Promise<Live>;
const reported: Setup = () => fresh();
const registeredAs = (mode: string, over: Parameters<typeof reportCase>[2] = {}) => async () => {
  const c = await fresh(over);
  await act('sq01', c, 'register', { categoryId: garbage, mode });
  return c;
};
const registered = registeredAs('transfer');
const dispatched: Setup = async () => {
  const c = await registered();
  await act('sq01', c, 'dispatch', { target: { departmentId: dept.cgj } });
  return c;
};
const handling: Setup = async () => {
  const c = await dispatched();
  await act('bm01', c, 'accept');
  return c;
};
const jointHandling: Setup = async () => {
  const c = await registeredAs('joint')();
  await act('sq01', c, 'dispatch', { target: { departmentId: dept.cgj, assistDepartmentIds: [dept.scjg, dept.gafj] } });
  await act('bm01', c, 'accept');
  return c;
};
const withExtension: Setup = async () => {
  const c = await handling();
  await act('bm01', c, 'requestExtension', { extension: { amount: 2, unit: 'workingDays' }, reason: '需协调产权单位' });
  return c;
};
const handled: Setup = async () => {
  const c = await handling();
  await act('bm01', c, 'handle', { result: '已清运' });
  return c;
};
const verified: Setup = async () => {
  const c = await handled();
  await act('wgy01', c, 'verifyPass');
  return c;
};
const closed: Setup = async () => {
  const c = await verified();
  await act('sq01', c, 'close');
  return c;
};
const shelved: Setup = async () => {
  const c = await handling();
  await act('sq01', c, 'shelve', { reviewOn: tomorrowPlus(30), reason: '需纳入年度改造计划' });
  return c;
};
/** Closed a second time after one dissatisfied answer (reopen count 1). */
const closedAgain: Setup = async () => {
  const c = await closed();
  await act('wgy01', c, 'feedback', { satisfaction: 'dissatisfied', note: '仍有垃圾' });
  await act('bm01', c, 'handle', { result: '再次清运' });
  await act('wgy01', c, 'verifyPass');
  await act('sq01', c, 'close');
  return c;
};
const supervision: Setup = async () => {
  const c = await closedAgain();
  await act('sq01', c, 'feedback', { satisfaction: 'dissatisfied' });
  return c;
};
const whistled = (setup: Setup) => async () => {
  const c = await setup();
  await act('sq01', c, 'whistle', { departmentIds: [dept.scjg], hours: 4, reason: '涉及无证经营' });
  return c;
};
const SETUPS: Record<CaseStatus, Setup | null> = { reported, registered, dispatched, handling, handled, verified, closed, shelved, supervision, rejected: null, merged: null };

// ---- one allowed scenario per row ----------------------------------------------------------------

interface Scenario {
  setup: Setup;
  who: User;
  body?: (c: Live) => Record<string, unknown> | Promise<Record<string, unknown>>;
  check?: (d: CaseDetail, c: Live) => void | Promise<void>;
}

const notices = async (username: string, caseId: number) => (await rows<{ kind: string }>(sql`SELECT kind FROM notifications WHERE case_id = ${caseId} AND user_id = ${await userId(username)} ORDER BY id`)).map((r) => r.kind);
const late = (iso: string | null) => (iso ? new Date(iso).getTime() : 0);

const SCENARIOS: Record<string, Scenario> = {
  'reported|register|': {
    setup: reported,
    who: 'sq01',
    body: () => ({ categoryId: garbage, mode: 'transfer' }),
    check: (d) => {
      expect([d.stage, d.timerState, d.mode, d.category?.code]).toEqual(['dispatch', 'green', 'transfer', CATEGORY.exposedGarbage]);
      expect(late(d.stageDeadlineAt)).toBeGreaterThan(Date.now());
    },
  },
  'reported|reject|': { setup: reported, who: 'sq01', body: () => ({ reason: '重复上报且无具体地点' }), check: (d) => expect([d.stage, d.timerState]).toEqual([null, 'none']) },
  'reported|merge|': {
    setup: reported,
    who: 'sq01',
    body: async () => ({ duplicateOfId: (await fresh()).id }),
    check: (d) => expect(d.duplicateOf?.id).toBeGreaterThan(d.id),
  },
  'reported|resolveOnSpot|': {
    setup: async () => {
      const c = await fresh({ reporterMobile: '13912345678' });
      expect((await uploadPhoto(t, cookie.wgy01, c.id, 'after')).statusCode).toBe(201);
      return c;
    },
    who: 'wgy01',
    body: () => ({ result: '已当场清理' }),
    check: async (d) => {
      expect([d.mode, d.result, d.closedAt !== null, d.dueAt !== null]).toEqual(['immediate', '已当场清理', true, true]);
      const [r] = await rows<{ closed_on_time: boolean; registered_at: Date | null; handled_at: Date | null }>(sql`SELECT closed_on_time, registered_at, handled_at FROM cases WHERE id = ${d.id}`);
      expect([r.closed_on_time, !!r.registered_at, !!r.handled_at]).toEqual([true, true, true]);
      const sms = await rows<{ template: string; recipient_masked: string }>(sql`SELECT template, recipient_masked FROM outbound_messages WHERE case_id = ${d.id}`);
      expect(sms).toEqual([{ template: 'case.feedbackRequest', recipient_masked: '139****5678' }]);
    },
  },
  'registered|dispatch|': {
    setup: registered,
    who: 'sq01',
    body: () => ({ target: { departmentId: dept.cgj } }),
    check: async (d) => {
      expect([d.department?.id, d.stage, d.respondDueAt === d.stageDeadlineAt]).toEqual([dept.cgj, 'respond', true]);
      expect(await notices('bm01', d.id)).toContain('task');
      expect(await notices('bmfz01', d.id)).toContain('task');
    },
  },
  'dispatched|accept|': {
    setup: dispatched,
    who: 'bm01',
    check: async (d) => {
      expect([d.stage, d.dueAt === d.stageDeadlineAt]).toEqual(['handle', true]);
      const [r] = await rows<{ responded_on_time: boolean; handler_user_id: number }>(sql`SELECT responded_on_time, handler_user_id FROM cases WHERE id = ${d.id}`);
      expect([r.responded_on_time, Number(r.handler_user_id)]).toEqual([true, await userId('bm01')]);
    },
  },
  'dispatched|return|': {
    setup: dispatched,
    who: 'bm01',
    body: () => ({ reason: '不属于本部门职责' }),
    check: async (d) => {
      expect([d.department, d.counts.return, d.stage]).toEqual([null, 1, 'dispatch']);
      expect(await notices('sq01', d.id)).toContain('returned');
    },
  },
  'registered|escalate|belowDistrict': { setup: registered, who: 'sq01', body: () => ({ reason: '涉及多个社区' }), check: (d) => expect([d.level, d.counts.escalation, d.stage]).toEqual(['street', 1, 'dispatch']) },
  'dispatched|escalate|belowDistrict': { setup: dispatched, who: 'sq01', body: () => ({ reason: '部门迟迟未签收' }), check: (d) => expect([d.level, d.department]).toEqual(['street', null]) },
  'handling|escalate|belowDistrict': { setup: handling, who: 'sq01', body: () => ({ reason: '社区无法协调' }), check: (d) => expect([d.level, d.department]).toEqual(['street', null]) },
  'handling|progress|': { setup: handling, who: 'bm01', body: () => ({ note: '已联系环卫队' }), check: (d) => expect(d.timeline.at(-1)!.note).toBe('已联系环卫队') },
  'handling|postPart|': {
    setup: jointHandling,
    who: 'bm02',
    body: () => ({ note: '已查处无证摊点' }),
    check: async (d) => {
      expect(d.units.find((u) => u.department.id === dept.scjg)).toMatchObject({ role: 'assist', part: '已查处无证摊点' });
      expect(await notices('bm01', d.id)).toContain('assistPosted');
    },
  },
  'handling|handle|': {
    setup: handling,
    who: 'bm01',
    body: () => ({ result: '已清运完毕' }),
    check: async (d) => {
      expect([d.result, d.stage]).toEqual(['已清运完毕', 'verify']);
      expect(await notices('wgy01', d.id)).toContain('handled');
    },
  },
  'handling|requestExtension|': {
    setup: handling,
    who: 'bm01',
    body: () => ({ extension: { amount: 3, unit: 'workingDays' }, reason: '等待配件' }),
    check: async (d) => {
      expect(d.extensionRequest).toMatchObject({ amount: 3, unit: 'workingDays', reason: '等待配件' });
      expect(await notices('sq01', d.id)).toContain('extensionRequested');
    },
  },
  'handling|approveExtension|': {
    setup: withExtension,
    who: 'sq01',
    check: async (d) => {
      expect([d.extensionRequest, d.counts.extension]).toEqual([null, 1]);
      const ev = d.timeline.at(-1)!;
      expect(late(d.dueAt)).toBeGreaterThan(late(d.timeline.find((e) => e.action === 'accept')!.stageDeadlineAt));
      expect(ev.data).toMatchObject({ amount: 2, unit: 'workingDays' });
      expect(await notices('bm01', d.id)).toContain('extensionApproved');
    },
  },
  'handling|refuseExtension|': {
    setup: withExtension,
    who: 'sq01',
    body: () => ({ reason: '可在时限内完成' }),
    check: async (d) => {
      expect([d.extensionRequest, d.counts.extension]).toEqual([null, 0]);
      expect(await notices('bm01', d.id)).toContain('extensionRefused');
    },
  },
  'handling|shelve|': { setup: handling, who: 'sq01', body: () => ({ reviewOn: tomorrowPlus(60), reason: '纳入旧改计划' }), check: (d) => expect([d.stage, d.timerState, d.shelvedReviewOn]).toEqual([null, 'none', tomorrowPlus(60)]) },
  'shelved|resume|': { setup: shelved, who: 'sq01', check: (d) => expect([d.stage, d.shelvedReviewOn, d.dueAt === d.stageDeadlineAt]).toEqual(['handle', null, true]) },
  'handled|verifyPass|': { setup: handled, who: 'wgy01', check: (d) => expect([d.stage, d.timerState]).toEqual([null, 'none']) },
  'handled|verifyFail|': {
    setup: handled,
    who: 'wgy01',
    body: () => ({ reason: '现场仍有垃圾' }),
    check: async (d) => {
      expect([d.counts.rework, d.stage]).toEqual([1, 'handle']);
      expect(await notices('bm01', d.id)).toContain('verifyFailed');
    },
  },
  'verified|close|': {
    setup: verified,
    who: 'sq01',
    check: async (d) => {
      expect(d.closedAt).not.toBeNull();
      const [r] = await rows<{ closed_on_time: boolean }>(sql`SELECT closed_on_time FROM cases WHERE id = ${d.id}`);
      expect(r.closed_on_time).toBe(true);
      expect(await notices('wgy01', d.id)).toContain('closed');
    },
  },
  'closed|feedback|satisfied': { setup: closed, who: 'wgy01', body: () => ({ satisfaction: 'basicallySatisfied', note: '处理及时' }), check: (d) => expect([d.satisfaction, d.feedbackNote, d.timeline.at(-1)!.actorKind]).toEqual(['basicallySatisfied', '处理及时', 'reporter']) },
  'closed|feedback|dissatisfiedFirst': {
    setup: closed,
    who: 'wgy01',
    body: () => ({ satisfaction: 'dissatisfied' }),
    check: async (d) => {
      expect([d.counts.reopen, d.stage, d.satisfaction]).toEqual([1, 'handle', 'dissatisfied']);
      expect(await notices('bm01', d.id)).toContain('reopened');
    },
  },
  'closed|feedback|dissatisfiedAgain': {
    setup: closedAgain,
    who: 'sq01',
    body: () => ({ satisfaction: 'dissatisfied', note: '电话回访：仍不满意' }),
    check: async (d) => {
      expect([d.stage, d.timeline.at(-1)!.actorKind]).toEqual([null, 'communityDispatcher']);
      expect(await notices('dd01', d.id)).toContain('supervision');
    },
  },
  'supervision|conclude|': { setup: supervision, who: 'dd01', body: () => ({ note: '已按政策处理到位，诉求不合理' }) },
  'supervision|reopen|': { setup: supervision, who: 'dd01', body: () => ({ note: '责成重新处理' }), check: (d) => expect([d.counts.reopen, d.stage]).toEqual([2, 'handle']) },
  'registered|whistle|': { setup: registered, who: 'sq01', body: () => ({ departmentIds: [dept.scjg, dept.gafj], hours: 2, reason: '需多部门联合' }) },
  'dispatched|whistle|': { setup: dispatched, who: 'sq01', body: () => ({ departmentIds: [dept.scjg], reason: '需联合执法' }) },
  'handling|whistle|': {
    setup: handling,
    who: 'sq01',
    body: () => ({ departmentIds: [dept.gafj], hours: 72, reason: '有人阻挠执法' }),
    check: async (d) => {
      expect(d.whistles).toHaveLength(1);
      expect(d.whistles[0]).toMatchObject({ level: 'community', reason: '有人阻挠执法', calls: [{ department: { id: dept.gafj }, outcome: 'pending' }] });
      expect(late(d.whistles[0].deadlineAt) - late(d.whistles[0].createdAt)).toBe(72 * 3600_000);
      expect(await notices('bm03', d.id)).toContain('whistle');
    },
  },
  'registered|checkIn|': { setup: whistled(registered), who: 'bm02', check: (d) => expect(d.whistles[0].calls[0].outcome).toBe('onTime') },
  'dispatched|checkIn|': { setup: whistled(dispatched), who: 'bm02', check: (d) => expect(d.whistles[0].calls[0].outcome).toBe('onTime') },
  'handling|checkIn|': {
    setup: whistled(handling),
    who: 'bm02',
    body: () => ({ note: '已到场' }),
    check: async (d) => {
      expect(d.whistles[0].calls[0]).toMatchObject({ outcome: 'onTime', note: '已到场' });
      expect(await notices('sq01', d.id)).toContain('checkIn');
    },
  },
};
for (const from of ['registered', 'dispatched', 'handling', 'handled', 'verified', 'shelved'] as const) {
  SCENARIOS[`${from}|supervise|`] = {
    setup: SETUPS[from]!,
    who: 'dd01',
    body: () => ({ note: '请加快办理' }),
    check: async (d) => {
      expect(d.counts.supervision).toBe(1);
      // The unit holding the case hears of it: the desk while at the desk, else the handler and the lead.
      if (from === 'registered') expect(await notices('sq01', d.id)).toContain('supervision');
      else expect(await notices('bmfz01', d.id)).toContain('supervision');
    },
  };
}

const key = (r: Transition) => `${r.from}|${r.action}|${r.when ?? ''}`;
const landing = (r: Transition): CaseStatus => (r.to === 'same' ? r.from : r.to);

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  for (const u of USERS) cookie[u] = await t.login(u);
  const d = await rows<{ username: string; department_id: number }>(sql`SELECT username, department_id FROM users WHERE username IN ('bm01', 'bm02', 'bm03')`);
  const of = (u: string) => Number(d.find((x) => x.username === u)!.department_id);
  Object.assign(dept, { cgj: of('bm01'), scjg: of('bm02'), gafj: of('bm03') });
  garbage = (await categoryByCode(t, CATEGORY.exposedGarbage)).id;
  // A department serving the sibling community only: it does not serve the test cases' area.
  const [foreign] = await rows<{ id: number }>(
    sql`INSERT INTO departments (code, name, service_area_id) SELECT 'TEST-SIBLING', '邻社区测试部门', scope_region_id FROM users WHERE username = 'sq02' RETURNING id`,
  );
  foreignDept = Number(foreign.id);
});
afterAll(() => t?.close());

describe('every row of the transition table, allowed', () => {

  it('has a scenario for every row', () => {
    expect(TRANSITIONS.map(key).filter((k) => !SCENARIOS[k])).toEqual([]);
  });

  for (const row of TRANSITIONS) {
    it(`${row.from} —${row.action}${row.when ? ` [${row.when}]` : ''}→ ${landing(row)}`, async () => {
      const s = SCENARIOS[key(row)];
      const c = await s.setup();
      const auditBefore = Number((await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'case' AND entity_id = ${String(c.id)}`))[0].n);
      const before = c.version;
      const d = await act(s.who, c, row.action, s.body ? await s.body(c) : {});
      expect(d.status).toBe(landing(row));
      expect(d.version).toBe(before + 1);
      const ev = d.timeline.at(-1)!;
      expect([ev.action, ev.fromStatus, ev.toStatus]).toEqual([row.action, row.from, landing(row)]);
      expect(row.who).toContain(ev.actorKind as ActorKind);
      const audits = await rows<{ action: string }>(sql`SELECT action FROM audit_log WHERE entity_type = 'case' AND entity_id = ${String(c.id)} ORDER BY id`);
      expect(audits.length).toBe(auditBefore + 1);
      expect(audits.at(-1)!.action).toBe(`case.${row.action}`);
      await s.check?.(d, c);
    });
  }
});

// ---- refusals generated from the table -------------------------------------------------------------

/** The kinds each test account holds on cases reported by wgy01 in its own grid (sq01's community desk). */
const KINDS: Partial<Record<User, ActorKind[]>> = {
  dd01: ['supervisor'],
  bm01: ['departmentHandler'],
  wgy01: ['gridWorker', 'reporter'],
  sq01: ['communityDispatcher'],
  jd01: ['streetDispatcher'],
  qu01: ['districtDispatcher'],
};
/** An account of a listed kind lacking the relation, on the pool's cases (department CGJ, community desk, no units, no whistles). */
const WRONG_RELATION: Partial<Record<Transition['relation'], User>> = { desk: 'jd01', handler: 'bm02', assist: 'bm01', called: 'bm01', grid: 'jd01', reporter: 'jd01' };

describe('every row refused: wrong kind, wrong relation, wrong state', () => {
  const pool = {} as Record<CaseStatus, Live>;
  const snapshot = async () =>
    rows(sql`SELECT c.id, c.version, c.status, (SELECT count(*)::int FROM case_events e WHERE e.case_id = c.id) AS events,
               (SELECT count(*)::int FROM notifications n WHERE n.case_id = c.id) AS notices, (SELECT count(*)::int FROM case_whistles w WHERE w.case_id = c.id) AS whistles
             FROM cases c WHERE c.id IN (${sql.join(Object.values(pool).map((c) => sql`${c.id}`), sql`, `)}) ORDER BY c.id`);
  let before: unknown;

  beforeAll(async () => {
    for (const s of CASE_STATUSES) {
      const setup = SETUPS[s];
      if (setup) pool[s] = await setup();
    }
    before = await snapshot();
  });

  for (const row of TRANSITIONS) {
    const label = `${row.from} ${row.action}${row.when ? ` [${row.when}]` : ''}`;
    const wrongKind = (Object.keys(KINDS) as User[]).find((u) => !KINDS[u]!.some((k) => row.who.includes(k)));
    it(`${label}: refused to ${wrongKind} (no listed kind)`, async () => {
      expect(wrongKind, 'some test account holds none of the kinds').toBeDefined();
      const r = await refused(wrongKind!, pool[row.from], row.action, {});
      expect([r.status, r.code]).toEqual([403, 'CASE_ACTOR_NOT_ALLOWED']);
    });
    const wrongRel = WRONG_RELATION[row.relation];
    if (wrongRel) {
      it(`${label}: refused to ${wrongRel} (kind without the ${row.relation} relation)`, async () => {
        const r = await refused(wrongRel, pool[row.from], row.action, {});
        expect([r.status, r.code]).toEqual([403, 'CASE_ACTOR_NOT_ALLOWED']);
      });
    }
    const wrongState = (Object.keys(SETUPS) as CaseStatus[]).find((s) => SETUPS[s] && transitionsFor(s, row.action).length === 0);
    if (wrongState) {
      it(`${label}: refused from ${wrongState}`, async () => {
        const r = await refused(SCENARIOS[key(row)].who, pool[wrongState], row.action, {});
        expect([r.status, r.code]).toEqual([409, 'CASE_ACTION_NOT_ALLOWED']);
      });
    }
  }

  it('refusals changed nothing', async () => {
    expect(await snapshot()).toEqual(before);
  });

  it('the refusal says why, in the caller’s language', async () => {
    const res = await t.as(cookie.jd01, { method: 'POST', url: `/api/v1/cases/${pool.reported.id}/actions/register`, payload: { version: pool.reported.version }, headers: { 'accept-language': 'en' } });
    expect(res.json()).toMatchObject({ code: 'CASE_ACTOR_NOT_ALLOWED', message: 'You may not register this case: the case is not at your desk' });
    const zh = await refused('bm01', pool.closed, 'dispatch');
    expect(zh.message).toBe('事件处于「已结案」状态，不能派遣');
  });

  it('scope first: a sibling community gets SCOPE_DENIED, an unknown case CASE_NOT_FOUND', async () => {
    expect((await refused('sq02', pool.reported, 'register', { categoryId: garbage, mode: 'transfer' })).code).toBe('SCOPE_DENIED');
    expect((await refused('sq01', { id: 2_000_000_000, code: '', version: 1 }, 'register')).code).toBe('CASE_NOT_FOUND');
  });
});

// ---- the rules the rows carry -----------------------------------------------------------------------

describe('what the steps require and do', () => {
  const code = async (p: Promise<{ code?: string }>) => (await p).code;

  it('missing fields are named: CASE_FIELD_REQUIRED', async () => {
    const c = await fresh();
    const r = await refused('sq01', c, 'register', { categoryId: garbage });
    expect([r.status, r.code]).toEqual([400, 'CASE_FIELD_REQUIRED']);
    expect(r.message).toBe('缺少办理方式');
    expect((await refused('sq01', c, 'reject', { reason: '   ' })).code).toBe('CASE_FIELD_REQUIRED');
    // 立即办 needs an after photo already uploaded.
    const onSpot = await refused('wgy01', c, 'resolveOnSpot', { result: '已清理' });
    expect([onSpot.code, onSpot.message]).toEqual(['CASE_FIELD_REQUIRED', '缺少处置后照片']);
    expect(await code(refused('sq01', c, 'register', { categoryId: (await categoryByCode(t, CATEGORY.cityAppearance)).id, mode: 'transfer' }))).toBe('CASE_FIELD_INVALID');
  });

  it('a stale version is a conflict', async () => {
    const c = await fresh();
    const stale = { ...c };
    await act('sq01', c, 'register', { categoryId: garbage, mode: 'transfer' });
    const r = await refused('sq01', stale, 'reject', { reason: 'x' });
    expect([r.status, r.code]).toEqual([409, 'CASE_VERSION_CONFLICT']);
  });

  it('dispatch checks the target: serving departments, joint needs assists, study has none', async () => {
    const c = await registered();
    expect(await code(refused('sq01', c, 'dispatch', { target: { departmentId: foreignDept } }))).toBe('CASE_FIELD_INVALID');
    expect(await code(refused('sq01', c, 'dispatch', { target: { departmentId: null } }))).toBe('CASE_FIELD_INVALID');
    expect(await code(refused('sq01', c, 'dispatch', { mode: 'joint', target: { departmentId: dept.cgj } }))).toBe('CASE_FIELD_INVALID');
    expect(await code(refused('sq01', c, 'dispatch', { mode: 'joint', target: { departmentId: dept.cgj, assistDepartmentIds: [dept.cgj] } }))).toBe('CASE_FIELD_INVALID');
    expect(await code(refused('sq01', c, 'dispatch', { target: { departmentId: dept.cgj, assistDepartmentIds: [dept.scjg] } }))).toBe('CASE_FIELD_INVALID');
    expect(await code(refused('sq01', c, 'dispatch', { mode: 'study', target: { departmentId: dept.cgj } }))).toBe('CASE_FIELD_INVALID');
    expect(await code(refused('sq01', c, 'dispatch', { target: {} }))).toBe('CASE_FIELD_REQUIRED');
  });

  it('研究办: the desk handles its own case, from accept to close', async () => {
    const c = await registeredAs('study')();
    const d = await act('sq01', c, 'dispatch', { target: { departmentId: null } });
    expect([d.mode, d.department]).toEqual(['study', null]);
    expect(d.availableActions).toContain('accept');
    expect(await code(refused('bm01', c, 'accept'))).toBe('CASE_ACTOR_NOT_ALLOWED');
    await act('sq01', c, 'accept');
    await act('sq01', c, 'progress', { note: '召开居民议事会' });
    await act('sq01', c, 'handle', { result: '议定由物业清理' });
    await act('wgy01', c, 'verifyPass');
    expect((await act('sq01', c, 'close')).status).toBe('closed');
  });

  it('会商办: the lead cannot handle until every assisting unit posted its part', async () => {
    const c = await jointHandling();
    const d0 = (await t.as(cookie.bm02, { method: 'GET', url: `/api/v1/cases/${c.id}` })).json() as CaseDetail;
    expect(d0.availableActions).toContain('postPart');
    const r = await refused('bm01', c, 'handle', { result: '完成' });
    expect([r.status, r.code]).toEqual([409, 'CASE_PARTS_MISSING']);
    expect(r.message).toContain('市场监督管理局');
    expect(r.message).toContain('公安');
    await act('bm02', c, 'postPart', { note: '已查处' });
    expect(await code(refused('bm02', c, 'postPart', { note: '再次提交' }))).toBe('CASE_ACTOR_NOT_ALLOWED');
    expect(await code(refused('bm01', c, 'handle', { result: '完成' }))).toBe('CASE_PARTS_MISSING');
    await act('bm03', c, 'postPart', { note: '已维持秩序' });
    expect((await act('bm01', c, 'handle', { result: '联合整治完成' })).status).toBe('handled');
    // A return before acceptance would have dropped the units; here they stay on record.
    const units = await rows(sql`SELECT role, part IS NOT NULL AS posted FROM case_units WHERE case_id = ${c.id} ORDER BY id`);
    expect(units).toEqual([{ role: 'lead', posted: false }, { role: 'assist', posted: true }, { role: 'assist', posted: true }]);
  });

  it('escalation climbs community → street → district and stops there', async () => {
    const c = await registered();
    await act('sq01', c, 'escalate', { reason: '跨社区' });
    expect(await code(refused('sq01', c, 'dispatch', { target: { departmentId: dept.cgj } }))).toBe('CASE_ACTOR_NOT_ALLOWED');
    const d = await act('jd01', c, 'escalate', { reason: '跨街道' });
    expect([d.level, d.counts.escalation]).toEqual(['district', 2]);
    const top = await refused('qu01', c, 'escalate', { reason: '再上报' });
    expect([top.status, top.code]).toEqual([409, 'CASE_ESCALATION_TOP']);
    expect((await act('qu01', c, 'dispatch', { target: { departmentId: dept.cgj } })).status).toBe('dispatched');
    // The admin stands in for any district desk.
    const c2 = await registered();
    await act('sq01', c2, 'escalate', { reason: 'x' });
    await act('jd01', c2, 'escalate', { reason: 'y' });
    expect(await code(refused('admin', c2, 'whistle', { departmentIds: [dept.scjg], reason: 'z' }))).toBe('CASE_ACTOR_NOT_ALLOWED');
    expect((await act('admin', c2, 'dispatch', { target: { departmentId: dept.cgj } })).status).toBe('dispatched');
  });

  it('抓紧办: natural-hour deadlines and the chain told at once', async () => {
    const c = await fresh({ urgency: 'urgent' });
    const d = await act('sq01', c, 'register', { categoryId: garbage, mode: 'urgent' });
    const cat = (await rows<{ dispatch_amount: number; dispatch_unit: string }>(sql`SELECT dispatch_amount, dispatch_unit FROM case_categories WHERE id = ${garbage}`))[0];
    const hours = cat.dispatch_unit === 'workingDays' ? cat.dispatch_amount * 8 : cat.dispatch_amount;
    expect(late(d.stageDeadlineAt) - late(d.timeline.at(-1)!.createdAt)).toBe(hours * 3600_000);
    expect(await notices('jd01', c.id)).toEqual(['urgent']);
    expect(await notices('sj01', c.id)).toEqual(['urgent']);
    expect(await notices('bmfz01', c.id)).toEqual(['urgent']);
    expect(await notices('sq01', c.id)).toEqual([]);
    await act('sq01', c, 'dispatch', { target: { departmentId: dept.cgj } });
    const h = await act('bm01', c, 'accept');
    const [u] = await rows<{ urgent_handle_hours: number }>(sql`SELECT urgent_handle_hours FROM case_categories WHERE id = ${garbage}`);
    expect(late(h.dueAt) - late(h.timeline.at(-1)!.createdAt)).toBe(u.urgent_handle_hours * 3600_000);
  });

  it('extensions: one pending at a time, approval needs a request', async () => {
    const c = await handling();
    expect(await code(refused('sq01', c, 'approveExtension'))).toBe('CASE_EXTENSION_NONE');
    expect(await code(refused('bm01', c, 'requestExtension', { extension: { amount: 61, unit: 'workingDays' }, reason: 'x' }))).toBe('CASE_FIELD_INVALID');
    await act('bm01', c, 'requestExtension', { extension: { amount: 4, unit: 'workingHours' }, reason: '等待材料' });
    expect(await code(refused('bm01', c, 'requestExtension', { extension: { amount: 1, unit: 'workingDays' }, reason: '再延' }))).toBe('CASE_EXTENSION_PENDING');
    const before = (await rows<{ due_at: Date; stage_deadline_at: Date }>(sql`SELECT due_at, stage_deadline_at FROM cases WHERE id = ${c.id}`))[0];
    await act('sq01', c, 'approveExtension');
    const after = (await rows<{ due_at: Date; stage_deadline_at: Date; stage_warn_at: Date }>(sql`SELECT due_at, stage_deadline_at, stage_warn_at FROM cases WHERE id = ${c.id}`))[0];
    expect(new Date(after.due_at).getTime()).toBeGreaterThan(new Date(before.due_at).getTime());
    expect(new Date(after.stage_deadline_at).getTime()).toBeGreaterThan(new Date(before.stage_deadline_at).getTime());
    expect(new Date(after.stage_warn_at).getTime()).toBeLessThan(new Date(after.stage_deadline_at).getTime());
  });

  it('shelving needs a future review date', async () => {
    const c = await handling();
    expect(await code(refused('sq01', c, 'shelve', { reviewOn: '2020-01-01', reason: 'x' }))).toBe('CASE_FIELD_INVALID');
    expect(await code(refused('sq01', c, 'shelve', { reviewOn: '2030-02-30', reason: 'x' }))).toBe('CASE_FIELD_INVALID');
  });

  it('a late check-in is recorded as late; a whistle is 1–72 hours to serving departments', async () => {
    const c = await handling();
    expect((await refused('sq01', c, 'whistle', { departmentIds: [dept.scjg], hours: 73, reason: 'x' })).status).toBe(400);
    expect(await code(refused('sq01', c, 'whistle', { departmentIds: [foreignDept], reason: 'x' }))).toBe('CASE_FIELD_INVALID');
    await act('sq01', c, 'whistle', { departmentIds: [dept.scjg, dept.gafj], hours: 1, reason: '联合处置' });
    await t.database.db.execute(sql`UPDATE case_whistles SET deadline_at = now() - interval '1 minute' WHERE case_id = ${c.id}`);
    const d = await act('bm02', c, 'checkIn');
    expect(d.whistles[0].calls.map((x) => [x.department.id, x.outcome])).toEqual([
      [dept.scjg, 'late'],
      [dept.gafj, 'pending'],
    ]);
    expect(await code(refused('bm02', c, 'checkIn'))).toBe('CASE_ACTOR_NOT_ALLOWED');
  });

  it('feedback once per closing; a merged duplicate’s reporter gets the original’s feedback request', async () => {
    const original = await registered();
    const dup = await fresh({ reporterMobile: '13700001111' });
    await act('sq01', dup, 'merge', { duplicateOfId: original.id });
    await act('sq01', original, 'dispatch', { target: { departmentId: dept.cgj } });
    await act('bm01', original, 'accept');
    await act('bm01', original, 'handle', { result: '已清运' });
    await act('wgy01', original, 'verifyPass');
    await act('sq01', original, 'close');
    const sms = await rows<{ recipient_masked: string; template: string; params: { code: string } }>(sql`SELECT recipient_masked, template, params FROM outbound_messages WHERE case_id = ${original.id}`);
    expect(sms).toEqual([{ recipient_masked: '137****1111', template: 'case.feedbackRequest', params: expect.objectContaining({ code: original.code }) }]);
    await act('wgy01', original, 'feedback', { satisfaction: 'satisfied' });
    expect(await code(refused('wgy01', original, 'feedback', { satisfaction: 'dissatisfied' }))).toBe('CASE_FEEDBACK_GIVEN');
    // A merged case can no longer be merged into: the original must be open.
    expect(await code(refused('sq01', await fresh(), 'merge', { duplicateOfId: original.id }))).toBe('CASE_FIELD_INVALID');
  });

  it('a resident gives feedback by code and mobile on the public page', async () => {
    const site = await caseSite(t);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/cases', payload: { title: '井盖缺失', description: '路口井盖缺失', categoryId: garbage, lng: site.lng, lat: site.lat, reporterMobile: '13600002222' } });
    expect(res.statusCode, res.body).toBe(201);
    const { code: caseCode } = res.json() as { code: string };
    const id = Number((await rows<{ id: number }>(sql`SELECT id FROM cases WHERE code = ${caseCode}`))[0].id);
    const c: Live = { id, code: caseCode, version: 1 };
    await act('sq01', c, 'register', { categoryId: garbage, mode: 'transfer' });
    await act('sq01', c, 'dispatch', { target: { departmentId: dept.cgj } });
    await act('bm01', c, 'accept');
    await act('bm01', c, 'handle', { result: '已补装' });
    await act('wgy01', c, 'verifyPass');
    await act('sq01', c, 'close');
    const wrong = await t.app.inject({ method: 'POST', url: `/api/v1/public/cases/${caseCode}/feedback`, payload: { mobile: '13600003333', satisfaction: 'satisfied' } });
    expect(wrong.statusCode).not.toBe(200);
    const ok = await t.app.inject({ method: 'POST', url: `/api/v1/public/cases/${caseCode}/feedback`, payload: { mobile: '13600002222', satisfaction: 'satisfied', note: '很快' } });
    expect(ok.statusCode, ok.body).toBe(200);
    const [ev] = await rows<{ actor_kind: string; actor_user_id: number | null }>(sql`SELECT actor_kind, actor_user_id FROM case_events WHERE case_id = ${id} ORDER BY id DESC LIMIT 1`);
    expect(ev).toEqual({ actor_kind: 'reporter', actor_user_id: null });
  });

  it('a 立即办 case reported without a category reopens on the default clock, back with the desk', async () => {
    const c = await fresh({ categoryId: null });
    expect((await uploadPhoto(t, cookie.wgy01, c.id, 'after')).statusCode).toBe(201);
    await act('wgy01', c, 'resolveOnSpot', { result: '已当场清理' });
    const d = await act('wgy01', c, 'feedback', { satisfaction: 'dissatisfied', note: '第二天又堆上了' });
    expect([d.status, d.stage, d.category, d.department]).toEqual(['handling', 'handle', null, null]);
    expect(late(d.dueAt)).toBeGreaterThan(Date.now());
    const desk = (await t.as(cookie.sq01, { method: 'GET', url: `/api/v1/cases/${c.id}` })).json() as CaseDetail;
    expect(desk.availableActions).toContain('handle');
  });

  it('the timer supervises as the system actor', async () => {
    const c = await handling();
    const row = await applyAction(t.database.db, systemActor(), c.id, 'supervise', { version: c.version, note: '办理时限已过 80%' });
    expect([row.supervisionCount, row.version]).toEqual([1, c.version + 1]);
    const [ev] = await rows<{ actor_kind: string; actor_name: string }>(sql`SELECT actor_kind, actor_name FROM case_events WHERE case_id = ${c.id} ORDER BY id DESC LIMIT 1`);
    expect(ev.actor_kind).toBe('system');
    // The system takes no other step.
    await expect(applyAction(t.database.db, systemActor(), c.id, 'handle', { version: row.version, result: 'x' })).rejects.toMatchObject({ code: 'CASE_ACTOR_NOT_ALLOWED' });
  });
});
