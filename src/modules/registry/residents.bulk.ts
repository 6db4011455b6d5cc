// Bulk write of residents (and the households they found or join) for imports and the demo. Per
// batch: one query for unseen region codes, one for the dwellings under unseen grids, one for the
// existing residents (and named heads) by ID-number hash, then one INSERT for new residents, one
// for new households, one UPDATE for changed rows, and the counters once. Unchanged rows cost two
// keyed hashes and a comparison: nothing is encrypted or written for them, so re-importing a file
// is cheap and changes nothing. A rejected row writes nothing.
import type { DbOrTx } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { encryptPii, maskIdNumber, maskMobile } from '../../shared/pii.ts';
import type { ScopedDb } from '../../shared/scoped.ts';
import { householdNumber } from './households.repository.ts';
import { rowOrigin, runCache } from './import/context.ts';
import { CounterDeltas } from './registry.common.ts';
import * as repo from './residents.bulk.repository.ts';
import { knownHashes } from './residents.bulk.known.ts';
import { encryptAhead, pinyinFor, prepareResident, type PreparedResident } from './residents.bulk.prepare.ts';
import { activeCareGroupCodes, dwellingKey, dwellingsByAddress, resolveRegionCodes, resolveRegionIds, type RegionRef } from './residents.bulk.resolve.ts';
import { householdMeasures, residentMeasures } from './residents.measures.ts';
import type { ResidentInput } from './residents.model.ts';
import type { RowProblem, WriteOutcome } from './sheet.ts';

interface Plan {
  region: RegionRef;
  dwellingId: number | null;
  idHash: string;
  mobileHash: string | null;
  existing?: repo.ExistingResident;
  /** Household: an existing id, a new household founded by row k ('new', k), or none. */
  household: { kind: 'existing'; id: number } | { kind: 'new'; founder: number } | null;
  residentId?: number;
}

const tagsLiteral = (tags: readonly string[]) => `{${tags.map((t) => `"${t.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
const sameTags = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');

export async function writeResidents(tx: DbOrTx, ctx: RequestContext, sdb: ScopedDb, rows: ResidentInput[]): Promise<WriteOutcome[]> {
  const n = rows.length;
  const problems: (RowProblem[] | undefined)[] = new Array(n);
  const bad = (i: number, column: string, zh: string, en: string) => (problems[i] ??= []).push({ column, reason: { zh, en } });
  const plans: (Plan | undefined)[] = new Array(n);

  // The same person twice in one file: the later row is refused, naming the first.
  const seen = runCache(ctx, 'residents.seen', () => new Map<string, string>());
  rows.forEach((r, i) => {
    const label = rowOrigin(r) !== undefined ? String(rowOrigin(r)) : `#${i + 1}`;
    const first = seen.get(r.idNumber);
    if (first !== undefined && first !== label) bad(i, 'idNumber', `与第 ${first} 行重复`, `duplicate of row ${first}`);
    else seen.set(r.idNumber, label);
  });

  const careGroups = await activeCareGroupCodes(ctx, tx);
  const byCode = await resolveRegionCodes(ctx, sdb, rows.flatMap((r) => (r.regionCode ? [r.regionCode] : [])));
  const byId = rows.some((r) => !r.regionCode && r.regionId) ? await resolveRegionIds(ctx, sdb, rows.flatMap((r) => (!r.regionCode && r.regionId ? [r.regionId] : []))) : new Map();

  const regionOf: (RegionRef | undefined)[] = rows.map((r, i) => {
    for (const t of r.tags) if (!careGroups.has(t)) bad(i, 'tags', `特殊人群类别 ${t} 不存在或已停用`, `care group ${t} is unknown or inactive`);
    const res = r.regionCode ? byCode.get(r.regionCode) : r.regionId ? byId.get(r.regionId) : undefined;
    if (!res) return void bad(i, 'regionCode', '缺少所在网格', 'no grid given');
    if (!res.ok) return void bad(i, r.regionCode ? 'regionCode' : 'regionId', res.reason.zh, res.reason.en);
    return res.value;
  });

  const grids = [...new Set(rows.flatMap((r, i) => (r.dwellingRef && regionOf[i] ? [regionOf[i]!.gridPath] : [])))];
  const dwellings = grids.length ? await dwellingsByAddress(ctx, sdb, grids) : new Map<string, { id: number; regionPath: string }>();
  const apiDwellings = rows.some((r) => r.dwellingId && !r.dwellingRef) ? await apiDwellingPaths(sdb, rows) : new Map<number, string>();

  // Hashes and pinyin were made as the rows were read (residents.bulk.prepare.ts), or are made now.
  const pre: PreparedResident[] = rows.map((r) => prepareResident(ctx, r));
  const idHash = pre.map((x) => x.idHash);
  const headHash = new Map<string, string>();
  rows.forEach((r, i) => r.householdHeadIdNumber && headHash.set(r.householdHeadIdNumber, pre[i].headHash!));
  // Only hashes that may be stored, when a large run knows what was stored at its start; heads
  // named from outside the batch always (they may have been written earlier in the run).
  const known = await knownHashes(ctx, tx);
  const inBatch = new Set(rows.map((r) => r.idNumber));
  const lookup = new Set<string>();
  for (const h of idHash) if (!known || known.mayHave(h)) lookup.add(h);
  for (const [head, h] of headHash) if (!known || !inBatch.has(head) || known.mayHave(h)) lookup.add(h);
  const existing = new Map((await repo.residentsByHash(tx, [...lookup])).map((e) => [e.idNumberHash, e]));

  rows.forEach((r, i) => {
    const region = regionOf[i];
    if (!region) return;
    let dwellingId: number | null = null;
    if (r.dwellingRef) {
      const d = r.dwellingRef;
      const hit = dwellings.get(dwellingKey(region.gridPath, d.estate, d.building, d.unit, d.room));
      const where = `${d.estate ? d.estate + ' ' : ''}${d.building} 栋 ${d.unit} 单元 ${d.room}`;
      if (!hit) bad(i, 'room', `房屋不存在：${where}（须在网格 ${region.code} 内）`, `no such dwelling in grid ${region.code}: ${d.estate} ${d.building}-${d.unit}-${d.room}`);
      else dwellingId = hit.id;
    } else if (r.dwellingId) {
      if (!apiDwellings.has(r.dwellingId)) bad(i, 'dwellingId', '房屋不存在或不在管辖范围内', 'dwelling not found or outside your scope');
      else dwellingId = r.dwellingId;
    }
    const ex = existing.get(idHash[i]);
    if (ex && !sdb.covers(ex.regionPath)) bad(i, 'idNumber', '该居民已在其他社区登记（不在您的管辖范围内），请由其所在社区办理迁出', 'this person is registered outside your scope; their community must move them out first');
    else if (ex?.archivedAt) bad(i, 'idNumber', '该居民已注销（迁出或死亡），请在居民页面恢复后再导入', 'this person is archived (moved out or deceased); restore them first');
    else if (ex?.headOf && r.householdRole !== 'head') bad(i, 'householdRole', '该居民是户主，更换户主请在户详情页操作', 'this person heads a household; change the head on the household page');
    if (problems[i]) return;
    plans[i] = { region, dwellingId, idHash: idHash[i], mobileHash: pre[i].mobileHash, existing: ex, household: null };
  });

  await planHouseholds(tx, sdb, rows, plans, existing, headHash, bad);

  // Classify, then reserve ids for the new rows and households in two queries.
  const inserts: number[] = [];
  const updates: number[] = [];
  const outcomes: WriteOutcome[] = new Array(n);
  rows.forEach((r, i) => {
    const p = plans[i];
    if (!p || problems[i]) return;
    if (!p.existing) inserts.push(i);
    else if (p.household?.kind === 'new' || differs(r, p)) updates.push(i);
    else outcomes[i] = { outcome: 'unchanged' };
  });
  for (const i of updates) plans[i]!.residentId = plans[i]!.existing!.id;
  const founders = [...inserts, ...updates].filter((i) => plans[i]!.household?.kind === 'new' && (plans[i]!.household as { founder: number }).founder === i);
  const ids = await repo.reserveIds(tx, inserts.length, founders.length);
  inserts.forEach((i, k) => (plans[i]!.residentId = ids.residents[k]));
  const hhIds = ids.households;
  const hhOfFounder = new Map(founders.map((i, k) => [i, hhIds[k]]));
  const householdId = (p: Plan): number | null => (p.household === null ? null : p.household.kind === 'existing' ? p.household.id : hhOfFounder.get(p.household.founder)!);

  const deltas = new CounterDeltas();
  const ins = repo.emptyColumns();
  const upd = repo.emptyColumns();
  const moves: repo.MoveRow[] = [];
  let encrypted = 0;
  const push = (c: repo.ResidentColumns, r: ResidentInput, p: Plan, isNew: boolean, x: PreparedResident) => {
    const k = pinyinFor(ctx, r, x);
    c.id.push(p.residentId!);
    c.regionId.push(p.region.id);
    c.regionPath.push(p.region.path);
    c.name.push(r.name);
    c.namePinyin.push(k.full);
    c.nameInitials.push(k.initials);
    c.gender.push(r.gender);
    c.ethnicity.push(r.ethnicity);
    c.birthDate.push(r.birthDate);
    c.idType.push(r.idType);
    c.idNumberEnc.push(isNew ? (x.idNumberEnc ?? encryptPii(r.idNumber)) : null);
    c.idNumberHash.push(p.idHash);
    c.idNumberMasked.push(isNew ? maskIdNumber(r.idNumber) : null);
    c.idLast4.push(r.idNumber.slice(-4));
    const mobileChanged = isNew || p.mobileHash !== p.existing!.mobileHash;
    if (isNew || (r.mobile && mobileChanged)) encrypted++;
    c.mobileEnc.push(r.mobile && mobileChanged ? (x.mobileEnc ?? encryptPii(r.mobile)) : null);
    c.mobileHash.push(p.mobileHash);
    c.mobileMasked.push(r.mobile && mobileChanged ? maskMobile(r.mobile) : null);
    c.residenceType.push(r.residenceType);
    c.dwellingId.push(p.dwellingId);
    c.householdId.push(householdId(p));
    c.householdRole.push(r.householdRole);
    c.employer.push(r.employer);
    c.politicalStatus.push(r.politicalStatus);
    c.tags.push(tagsLiteral(r.tags));
    c.seasonal.push(r.seasonal);
    c.note.push(r.note);
    const before = p.existing ? { path: p.existing.regionPath, measures: residentMeasures(p.existing) } : null;
    deltas.change(before, { path: p.region.path, measures: residentMeasures(r) });
  };
  for (const i of inserts) push(ins, rows[i], plans[i]!, true, pre[i]);
  for (const i of updates) {
    const p = plans[i]!;
    push(upd, rows[i], p, false, pre[i]);
    const ex = p.existing!;
    const hh = householdId(p);
    if (ex.regionId !== p.region.id || ex.dwellingId !== p.dwellingId || ex.householdId !== hh) {
      moves.push({ residentId: ex.id, fromRegionId: ex.regionId, fromDwellingId: ex.dwellingId, fromHouseholdId: ex.householdId, toRegionId: p.region.id, toDwellingId: p.dwellingId, toHouseholdId: hh, byUserId: ctx.actor.userId });
    }
  }
  const newHouseholds: repo.NewHousehold[] = founders.map((i) => {
    const p = plans[i]!;
    const id = hhOfFounder.get(i)!;
    for (const m of householdMeasures()) deltas.add(p.region.path, m, 1);
    return { id, regionId: p.region.id, regionPath: p.region.path, number: householdNumber(id), dwellingId: p.dwellingId, headResidentId: p.residentId! };
  });

  // Encrypt ahead while batches add people; stop once a batch (e.g. a re-imported file) mostly doesn't.
  encryptAhead(ctx).on = encrypted * 4 >= n;
  await repo.insertResidents(tx, ins);
  await repo.updateResidents(tx, upd);
  await repo.insertHouseholds(tx, newHouseholds);
  await repo.insertMoves(tx, moves, '批量导入 import');
  await deltas.flush(tx);

  for (const i of inserts) outcomes[i] = { outcome: 'added' };
  for (const i of updates) outcomes[i] = { outcome: 'updated' };
  for (let i = 0; i < n; i++) if (problems[i]) outcomes[i] = { outcome: 'rejected', problems: problems[i]! };
  return outcomes;
}

function differs(r: ResidentInput, p: Plan): boolean {
  const e = p.existing!;
  const hh = p.household === null ? null : p.household.kind === 'existing' ? p.household.id : -1;
  return (
    e.name !== r.name ||
    e.gender !== r.gender ||
    e.ethnicity !== r.ethnicity ||
    e.birthDate !== r.birthDate ||
    e.idType !== r.idType ||
    e.mobileHash !== p.mobileHash ||
    e.residenceType !== r.residenceType ||
    e.regionId !== p.region.id ||
    e.dwellingId !== p.dwellingId ||
    e.householdId !== hh ||
    e.householdRole !== r.householdRole ||
    e.employer !== r.employer ||
    e.politicalStatus !== r.politicalStatus ||
    !sameTags(e.tags, r.tags) ||
    e.seasonal !== r.seasonal ||
    e.note !== r.note
  );
}

/**
 * Heads found or keep their household; members join the household of the head named by ID number,
 * who may be earlier in this batch or already registered (an earlier batch or import).
 */
async function planHouseholds(
  tx: DbOrTx,
  sdb: ScopedDb,
  rows: ResidentInput[],
  plans: (Plan | undefined)[],
  existing: Map<string, repo.ExistingResident>,
  headHash: Map<string, string>,
  bad: (i: number, column: string, zh: string, en: string) => void,
): Promise<void> {
  const headsInBatch = new Map<string, number>();
  rows.forEach((r, i) => {
    const p = plans[i];
    if (!p || r.householdRole !== 'head') return;
    p.household = p.existing?.headOf ? { kind: 'existing', id: p.existing.headOf } : { kind: 'new', founder: i };
    headsInBatch.set(r.idNumber, i);
  });
  const apiHouseholds = rows.some((r, i) => plans[i] && r.householdId && !r.householdHeadIdNumber && r.householdRole !== 'head')
    ? new Map((await repo.householdsByIdsUnscoped(tx, rows.flatMap((r) => (r.householdId ? [r.householdId] : [])))).map((h) => [h.id, h]))
    : new Map<number, repo.HouseholdRef>();
  rows.forEach((r, i) => {
    const p = plans[i];
    if (!p || r.householdRole === 'head') return;
    const head = r.householdHeadIdNumber;
    if (head) {
      const j = headsInBatch.get(head);
      if (j !== undefined && plans[j]) {
        p.household = plans[j]!.household;
        return;
      }
      const ex = existing.get(headHash.get(head)!);
      const masked = maskIdNumber(head);
      if (!ex) bad(i, 'householdHeadIdNumber', `户主（${masked}）尚未登记：请先导入户主，或把户主放在同一文件中`, `the household head (${masked}) is not registered: import the head first or in the same file`);
      else if (!ex.headOf) bad(i, 'householdHeadIdNumber', `证件号为 ${masked} 的居民不是户主`, `the resident ${masked} does not head a household`);
      else if (!sdb.covers(ex.regionPath)) bad(i, 'householdHeadIdNumber', '户主不在您的管辖范围内', 'the household head is outside your scope');
      else p.household = { kind: 'existing', id: ex.headOf };
      return;
    }
    if (r.householdId) {
      const h = apiHouseholds.get(r.householdId);
      if (!h || h.archivedAt || !sdb.covers(h.regionPath)) bad(i, 'householdId', '户不存在或不在管辖范围内', 'household not found or outside your scope');
      else p.household = { kind: 'existing', id: h.id };
      return;
    }
    // Nothing said about the household: a known resident keeps theirs.
    p.household = p.existing?.householdId ? { kind: 'existing', id: p.existing.householdId } : null;
  });
  for (let i = 0; i < rows.length; i++) if (plans[i] && plans[i]!.household === undefined) plans[i]!.household = null;
}

async function apiDwellingPaths(sdb: ScopedDb, rows: ResidentInput[]): Promise<Map<number, string>> {
  const { dwellingPlaces } = await import('./residents.addresses.repository.ts');
  const ids = rows.flatMap((r) => (r.dwellingId && !r.dwellingRef ? [r.dwellingId] : []));
  const places = await dwellingPlaces(sdb, ids);
  return new Map([...places.values()].filter((d) => !d.archivedAt).map((d) => [d.id, d.regionPath]));
}
