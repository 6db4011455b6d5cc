// Loads the demo's workforce (workforce.ts) after the population (and after the year of cases,
// whose patrol reports the full-time grid workers' visits cover): community by community,
// generated on the platform's calendar, written by COPY in batches of some tens of thousands of
// visits (one transaction each; on the server the next batch is generated while one is
// written). Demo accounts become their workers' users, departments their sending units;
// workers who are residents take the resident's (encrypted) mobile. Ids follow what the tables
// hold; sequences move past them; one audit row records the load.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/engine.ts';
import { listDepartments, listUsers } from '../modules/accounts/index.ts';
import { recordAudit } from '../modules/audit/index.ts';
import { loadCalendar } from '../modules/calendar/index.ts';
import type { RequestContext } from '../shared/context.ts';
import { encryptPii, maskMobile, piiLookupHash } from '../shared/pii.ts';
import { clockOf, type CaseClock } from './cases.clock.ts';
import type { DemoCity } from './index.ts';
import { cachedInitials } from './load-party.ts';
import { analyze, copyTables, CopyRows, maxIds, syncSequences, withIndexesDeferred } from './party.copy.ts';
import type { CommunityPool } from './party.pool.ts';
import { poolsFromDb, regionRefs, type RegionRefs } from './party.pool.db.ts';
import { WorkforcePlanner, type CommunityWorkforce } from './workforce.ts';

const NUMBERED = ['workers', 'stationed_teams', 'visits'] as const;
export const WORKFORCE_TABLES = [...NUMBERED, 'positions', 'visit_people', 'visit_findings'] as const;
/** Visits per transaction: big enough for COPY to dominate, small enough to keep memory flat. */
const BATCH = 40_000;

export interface LoadWorkforceOptions {
  /** The load date the year of visits ends at (default now). */
  end?: Date;
  seed?: number;
  /** Where people and places come from (default: the registry and the cases, community by community). */
  pools?: Iterable<CommunityPool> | AsyncIterable<CommunityPool>;
  /** Working days (default: the platform's calendar as the database holds it). */
  clock?: Pick<CaseClock, 'isWorkday'>;
  onProgress?: (done: number, total: number) => void;
}

export interface LoadedWorkforce {
  counts: Record<string, number>;
  end: string;
  ms: number;
}

export async function loadWorkforce(db: Db, ctx: RequestContext, city: DemoCity, opts: LoadWorkforceOptions = {}): Promise<LoadedWorkforce> {
  const started = Date.now();
  const end = opts.end ?? new Date();
  const refs = await regionRefs(db, city);
  const users = new Map((await listUsers(db, ctx, undefined, 10_000, 0)).items.map((u) => [u.username, u.id]));
  const departments = new Map((await listDepartments(db, ctx)).map((d) => [d.code, d.id]));
  const clock = opts.clock ?? clockOf(await loadCalendar(db));
  const planner = new WorkforcePlanner(city, { end, seed: opts.seed, clock });
  const base = await maxIds(db, NUMBERED);
  const total = city.regions.filter((r) => r.level === 4).length;
  const counts: Record<string, number> = {};
  const ids = { refs, users, departments, base, initials: cachedInitials() };
  let batch = newBatch();
  let visits = 0;
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const b = Object.values(batch);
    batch = newBatch();
    await writing;
    for (const t of b) counts[t.table] = (counts[t.table] ?? 0) + t.count;
    writing = copyTables(db, b);
    // Keep a failure from going unobserved until the next await.
    writing.catch(() => undefined);
    visits = 0;
  };
  let done = 0;
  opts.onProgress?.(0, total);
  // The year of visits goes into tables without their secondary indexes, built once at the end.
  await withIndexesDeferred(db, ['visits', 'visit_people', 'visit_findings'], async () => {
    for await (const pool of opts.pools ?? poolsFromDb(db, city, refs, { cases: true })) {
      const c = planner.community(pool);
      addRows(batch, c, ids);
      visits += c.visits.length;
      if (visits >= BATCH) await flush();
      opts.onProgress?.(++done, total);
    }
    await flush();
    await writing;
  });
  await db.execute(sql`UPDATE workers w SET mobile_enc = r.mobile_enc, mobile_hash = r.mobile_hash, mobile_masked = r.mobile_masked
    FROM residents r WHERE r.id = w.resident_id AND w.id > ${base.workers} AND w.mobile_enc IS NULL`);
  await syncSequences(db, NUMBERED);
  await recordAudit(db, ctx, { action: 'workforce.demoLoad', entityType: 'worker', entityId: 'demo', after: { scale: city.scale, end: end.toISOString(), counts } });
  await analyze(db, WORKFORCE_TABLES);
  return { counts, end: end.toISOString(), ms: Date.now() - started };
}

type Batch = ReturnType<typeof newBatch>;
const newBatch = () => ({
  workers: new CopyRows('workers', ['id', 'region_id', 'region_path', 'user_id', 'resident_id', 'name', 'name_initials', 'gender', 'mobile_enc', 'mobile_hash', 'mobile_masked', 'sending_unit_kind', 'sending_unit', 'department_id']),
  teams: new CopyRows('stationed_teams', ['id', 'region_id', 'region_path', 'name', 'sending_unit', 'department_id', 'fixed_weekday', 'start_on']),
  positions: new CopyRows('positions', ['region_id', 'region_path', 'worker_id', 'kind', 'building_id', 'team_id', 'is_leader', 'start_on', 'end_on']),
  visits: new CopyRows('visits', [
    'id', 'region_id', 'region_path', 'worker_id', 'team_id', 'purpose', 'check_in_at', 'check_in_lng', 'check_in_lat', 'check_in_outside', 'check_out_at', 'check_out_lng', 'check_out_lat',
    'check_out_outside', 'notes', 'people_count', 'created_at', 'updated_at',
  ]),
  people: new CopyRows('visit_people', ['visit_id', 'resident_id']),
  findings: new CopyRows('visit_findings', ['visit_id', 'description', 'lng', 'lat', 'case_id', 'created_at']),
});

interface Ids {
  refs: RegionRefs;
  users: Map<string, number>;
  departments: Map<string, number>;
  base: Record<(typeof NUMBERED)[number], number>;
  initials: (name: string) => string;
}

function addRows(b: Batch, c: CommunityWorkforce, ids: Ids): void {
  const at = (code: string) => {
    const r = ids.refs.byCode.get(code);
    if (!r) throw new Error(`demo workforce: region ${code} is not loaded`);
    return r;
  };
  const worker = (id: number) => id + ids.base.workers;
  const team = (id: number | null) => (id === null ? null : id + ids.base.stationed_teams);
  for (const w of c.workers) {
    const r = at(w.regionCode);
    const userId = w.username ? (ids.users.get(w.username) ?? null) : null;
    b.workers.add([
      worker(w.id), r.id, r.path, userId, w.residentId, w.name, ids.initials(w.name), w.gender, w.mobile ? encryptPii(w.mobile) : null, w.mobile ? piiLookupHash(w.mobile) : null,
      w.mobile ? maskMobile(w.mobile) : null, w.sendingUnitKind, w.sendingUnit, w.departmentCode ? (ids.departments.get(w.departmentCode) ?? null) : null,
    ]);
  }
  for (const t of c.teams) {
    const r = at(t.regionCode);
    b.teams.add([team(t.id), r.id, r.path, t.name, t.sendingUnit, t.departmentCode ? (ids.departments.get(t.departmentCode) ?? null) : null, t.fixedWeekday, t.startOn]);
  }
  for (const p of c.positions) {
    const r = at(p.regionCode);
    b.positions.add([r.id, r.path, worker(p.workerId), p.kind, p.buildingId, team(p.teamId), p.isLeader, p.startOn, p.endOn]);
  }
  for (const v of c.visits) {
    const r = at(v.regionCode);
    const id = v.id + ids.base.visits;
    const out = new Date(v.checkOutAt);
    b.visits.add([
      id, r.id, r.path, worker(v.workerId), team(v.teamId), v.purpose, new Date(v.checkInAt), v.checkIn?.lng ?? null, v.checkIn?.lat ?? null, v.checkIn?.outside ?? null, out,
      v.checkOut?.lng ?? null, v.checkOut?.lat ?? null, v.checkOut?.outside ?? null, v.notes, v.people.length, new Date(v.checkInAt), out,
    ]);
    for (const p of v.people) b.people.add([id, p.residentId]);
    for (const f of v.findings) b.findings.add([id, f.description, f.lng, f.lat, f.caseId, out]);
  }
}
