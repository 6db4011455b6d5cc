// Loads the demo's year of cases (cases.ts) after the tree, departments and accounts: reads the
// catalogue and the working calendar the database holds, generates community by community, and
// writes batches of a few thousand cases with their timelines, joint units, whistles and the
// after-photos of 立即办 by COPY (cases.bulk.repository.ts), each batch in one transaction. The
// day counters of case codes are raised to what was loaded, so live reports continue the
// numbering; one audit row records the load; statistics are refreshed for the desk queries.
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { Db } from '../db/engine.ts';
import { listDepartments, listUsers } from '../modules/accounts/index.ts';
import { recordAudit } from '../modules/audit/index.ts';
import { loadCalendar } from '../modules/calendar/index.ts';
import { analyzeCases, allCategoryRows, copyBatch, newBatch, raiseCodeCounters, reserveIds, type CaseBatch } from '../modules/cases/cases.bulk.repository.ts';
import { codeCounterKey } from '../modules/cases/cases.code.ts';
import { findRegionsByCodes } from '../modules/regions/index.ts';
import type { RequestContext } from '../shared/context.ts';
import { WHOLE_SYSTEM } from '../shared/context.ts';
import { encryptPii, maskMobile, piiLookupHash } from '../shared/pii.ts';
import { scoped } from '../shared/scoped.ts';
import { clockOf } from './cases.clock.ts';
import { CASES_PER_YEAR, generateCases, type DemoCase, type DemoRefs } from './cases.ts';
import type { DemoCity } from './index.ts';

/** Cases per transaction: big enough that COPY dominates, small enough to keep memory flat. */
const BATCH = 5000;

export interface LoadCasesOptions {
  /** The load date the year ends at (default now). */
  end?: Date;
  /** Cases in the year (default CASES_PER_YEAR for the city's scale). */
  total?: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface LoadedCases {
  cases: number;
  events: number;
  /** Why nothing was loaded (no catalogue yet). */
  skipped?: string;
  ms: number;
}

export async function loadCases(db: Db, ctx: RequestContext, city: DemoCity, opts: LoadCasesOptions = {}): Promise<LoadedCases> {
  const started = Date.now();
  const categories = await allCategoryRows(db);
  if (!categories.some((c) => c.parentCode && !c.archivedAt)) return { cases: 0, events: 0, skipped: 'no case catalogue (case_categories is empty)', ms: 0 };
  const refs = await loadRefs(db, ctx, city);
  const clock = clockOf(await loadCalendar(db));
  const end = opts.end ?? new Date();
  const total = opts.total ?? CASES_PER_YEAR[city.scale];
  const counters = new Map<string, number>();
  let pending: DemoCase[] = [];
  let cases = 0;
  let events = 0;
  // One batch is written while the next is generated: on the server the two run side by side.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (pending.length === 0) return;
    const batch = await toBatch(db, pending, counters, refs);
    pending = [];
    await writing;
    writing = copyBatch(db, batch).then(() => {
      cases += batch.cases.count;
      events += batch.events.count;
      opts.onProgress?.(cases, total);
    });
    // Keep a failure from going unobserved until the next await.
    writing.catch(() => undefined);
  };
  opts.onProgress?.(0, total);
  for (const community of generateCases(city, { categories, refs, clock, end, total, seed: opts.seed })) {
    pending.push(...community.cases);
    if (pending.length >= BATCH) await flush();
  }
  await flush();
  await writing;
  await raiseCodeCounters(db, [...counters].map(([key, value]) => ({ key, value })));
  await recordAudit(db, ctx, { action: 'case.demoLoad', entityType: 'case', entityId: 'demo', after: { scale: city.scale, cases, events, end: end.toISOString() } });
  await analyzeCases(db);
  return { cases, events, ms: Date.now() - started };
}

/** Ids of the loaded regions, departments and demo accounts, by code and username. */
async function loadRefs(db: Db, ctx: RequestContext, city: DemoCity): Promise<DemoRefs> {
  const names = new Map(city.regions.map((r) => [r.code, r.name]));
  const placed = await findRegionsByCodes(scoped(db, WHOLE_SYSTEM), city.regions.map((r) => r.code));
  const regions = new Map(placed.map((r) => [r.code, { id: r.id, path: r.path, name: names.get(r.code) ?? r.name }]));
  const departments = new Map((await listDepartments(db, ctx)).map((d) => [d.code, { id: d.id, name: d.name }]));
  const users = new Map((await listUsers(db, ctx, undefined, 10_000, 0)).items.map((u) => [u.username, u.id]));
  return { regions, departments, users };
}

/** The rows of a batch, with ids from the sequences; merge and whistle references resolved. */
async function toBatch(db: Db, list: DemoCase[], counters: Map<string, number>, refs: DemoRefs): Promise<CaseBatch> {
  const dept = (code: string) => refs.departments.get(code)?.id ?? null;
  const user = (username: string | null) => (username ? (refs.users.get(username) ?? null) : null);
  const nEvents = list.reduce((s, c) => s + c.events.length, 0);
  const nWhistles = list.reduce((s, c) => s + c.whistles.length, 0);
  const ids = await reserveIds(db, { cases: list.length, events: nEvents, whistles: nWhistles });
  const caseId = new Map(list.map((c, i) => [c.code, ids.cases[i]]));
  const b = newBatch();
  let e = 0;
  let w = 0;
  list.forEach((c, i) => {
    const id = ids.cases[i];
    const [district, day, seq] = c.code.split('-');
    const key = codeCounterKey(district, day);
    counters.set(key, Math.max(counters.get(key) ?? 0, Number(seq)));
    const whistleIds = c.whistles.map(() => ids.whistles[w++]);
    const d = (ms: number | null) => (ms === null ? null : new Date(ms));
    const mobile = c.reporterMobile;
    b.cases.add([
      id, c.code, c.source, c.categoryId, c.urgency, c.mode, c.status, c.title, c.description, c.regionId, c.regionPath, c.lng, c.lat, c.address,
      [], c.reporterName, mobile ? encryptPii(mobile) : null, mobile ? piiLookupHash(mobile) : null, mobile ? maskMobile(mobile) : null, c.anonymous,
      c.reporterUserId, c.duplicateOfCode ? (caseId.get(c.duplicateOfCode) ?? null) : null, c.level, c.deskRegionId, c.deskRegionPath, c.departmentId,
      c.handlerUserId, c.version, c.stage, d(c.stageStartedAt), d(c.stageWarnAt), d(c.stageDeadlineAt), c.timerState, d(c.dueAt), d(c.respondDueAt),
      c.respondedOnTime, c.closedOnTime, c.everOverdue, c.reworkCount, c.returnCount, c.extensionCount, c.reopenCount, c.escalationCount,
      c.supervisionCount, c.extensionRequest, c.shelvedReviewOn, c.result, c.satisfaction, c.feedbackNote, d(c.reportedAt), d(c.registeredAt),
      d(c.dispatchedAt), d(c.acceptedAt), d(c.handledAt), d(c.verifiedAt), d(c.closedAt), d(c.feedbackAt), d(c.reportedAt), d(c.updatedAt),
    ]);
    let photoEvent: number | null = null;
    for (const ev of c.events) {
      const eventId = ids.events[e++];
      let data = ev.data;
      // References the generator could not know: the original's case id, the whistle's id.
      if (ev.action === 'merge' && data) data = { ...data, duplicateOf: { id: caseId.get(c.duplicateOfCode!) ?? null, code: c.duplicateOfCode } };
      if (ev.action === 'checkIn' && data) data = { ...data, calls: (data.calls as { whistleId: number; outcome: string }[]).map((x) => ({ ...x, whistleId: whistleIds[x.whistleId] })) };
      if (ev.action === 'resolveOnSpot') photoEvent = eventId;
      b.events.add([eventId, id, ev.action, ev.from, ev.to, ev.actorUserId, ev.actorName, ev.actorKind, ev.departmentId, ev.note, data, d(ev.stageDeadlineAt), new Date(ev.at)]);
    }
    for (const u of c.units) b.units.add([id, dept(u.departmentCode), u.role, u.part, d(u.postedAt), user(u.postedBy), d(c.dispatchedAt)]);
    c.whistles.forEach((wh, k) => {
      b.whistles.add([whistleIds[k], id, wh.level, user(wh.calledByUsername), wh.calledByName, wh.reason, new Date(wh.deadlineAt), new Date(wh.createdAt)]);
      for (const call of wh.calls) b.calls.add([whistleIds[k], id, dept(call.departmentCode), call.outcome, d(call.checkedInAt), user(call.checkedInBy), call.note]);
    });
    if (c.afterPhoto && photoEvent !== null) {
      const p = photo(c.categoryId);
      b.photos.add([id, photoEvent, 'after', 'image/png', p.bytes.length, p.sha256, p.bytes, d(c.closedAt)]);
    }
  });
  return b;
}

/** CRC-32 (PNG chunks), table-driven. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const photos = new Map<number, { bytes: Buffer; sha256: string }>();

/**
 * The after-photo of a demo 立即办: a small PNG (64 × 48, a colour per category, diagonal
 * stripes), so the case page and the checks that a step has its photo see a real image.
 */
function photo(categoryId: number): { bytes: Buffer; sha256: string } {
  let p = photos.get(categoryId);
  if (p) return p;
  const [w, h] = [64, 48];
  const hue = (categoryId * 47) % 360;
  const rgb = [0, 8, 4].map((n) => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (0.55 - 0.35 * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  });
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const light = (x + y) % 16 < 8 ? 1 : 0.8;
      for (let ch = 0; ch < 3; ch++) raw[y * (w * 3 + 1) + 1 + x * 3 + ch] = Math.round(rgb[ch] * light);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
  p = { bytes, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
  photos.set(categoryId, p);
  return p;
}
