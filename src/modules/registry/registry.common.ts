// What every registry entity shares: where it may be placed in the tree, how personal data is
// stored and revealed, how rows feed the region counters, and the bilingual names used in errors.
import type { DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError, type Bilingual } from '../../shared/errors.ts';
import { encryptPii, maskIdNumber, maskMobile, piiLookupHash } from '../../shared/pii.ts';
import type { ScopedDb } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import { applyCounterDeltas, loadInScope } from '../regions/index.ts';

/** Bilingual entity names, for errors and import reports. */
export const ENTITY_NAMES = {
  estate: { zh: '小区', en: 'Estate' },
  building: { zh: '楼栋', en: 'Building' },
  dwelling: { zh: '房屋', en: 'Dwelling' },
  rental: { zh: '出租屋', en: 'Rental' },
  household: { zh: '户', en: 'Household' },
  resident: { zh: '居民', en: 'Resident' },
  place: { zh: '场所', en: 'Place' },
  organization: { zh: '组织', en: 'Organization' },
  asset: { zh: '部件', en: 'Asset' },
  careGroup: { zh: '特殊人群类别', en: 'Care group' },
} satisfies Record<string, Bilingual>;
export type RegistryEntity = keyof typeof ENTITY_NAMES;

export const notFound = (entity: RegistryEntity) => new AppError('REGISTRY_NOT_FOUND', { entity: ENTITY_NAMES[entity] });
export const invalidField = (field: Bilingual, reason: Bilingual) => new AppError('REGISTRY_FIELD_INVALID', { field, reason });

/**
 * Loads a row through a scoped finder; a row that exists outside the scope answers SCOPE_DENIED
 * (not "not found"), the same rule the regions module follows.
 */
export async function loadScoped<T>(entity: RegistryEntity, find: () => Promise<T | undefined>, existsAnywhere: () => Promise<boolean>): Promise<T> {
  const row = await find();
  if (row) return row;
  throw (await existsAnywhere()) ? new AppError('SCOPE_DENIED') : notFound(entity);
}

export interface Placement {
  id: number;
  path: string;
  level: number;
  name: string;
}

const LEVEL_NAMES: Record<number, Bilingual> = {
  1: { zh: '市', en: 'city' },
  2: { zh: '区县', en: 'district' },
  3: { zh: '街道', en: 'street' },
  4: { zh: '社区', en: 'community' },
  5: { zh: '网格', en: 'grid' },
  6: { zh: '微网格', en: 'micro-grid' },
};

/** The region an entity is placed in: inside the caller's scope, active, at an allowed level. */
export async function placeIn(sdb: ScopedDb, regionId: number, levels: readonly number[]): Promise<Placement> {
  const r = await loadInScope(sdb, regionId);
  if (r.archivedAt) throw new AppError('REGISTRY_PLACEMENT', { reason: { zh: `${r.name} 已归档`, en: `${r.name} is archived` } });
  if (!levels.includes(r.level)) {
    const zh = levels.map((l) => LEVEL_NAMES[l].zh).join('、');
    const en = levels.map((l) => LEVEL_NAMES[l].en).join(', ');
    throw new AppError('REGISTRY_PLACEMENT', { reason: { zh: `只能放在${zh}下，${r.name} 是${LEVEL_NAMES[r.level].zh}`, en: `only a ${en} will do; ${r.name} is a ${LEVEL_NAMES[r.level].en}` } });
  }
  return { id: r.id, path: r.path, level: r.level, name: r.name };
}

/** Stored form of a personal-data value: ciphertext, lookup hash, display mask (all null for none). */
export interface PiiColumns {
  enc: string | null;
  hash: string | null;
  masked: string | null;
}

export function piiColumns(value: string | null | undefined, kind: 'mobile' | 'idNumber'): PiiColumns {
  if (!value) return { enc: null, hash: null, masked: null };
  return { enc: encryptPii(value), hash: piiLookupHash(value), masked: kind === 'mobile' ? maskMobile(value) : maskIdNumber(value) };
}

/**
 * Before personal data is shown in full: the caller needs `pii.read`, and an audit row records who
 * saw which fields of whose record, in the same transaction as the read.
 */
export async function auditReveal(
  tx: DbOrTx,
  ctx: RequestContext,
  target: { entityType: RegistryEntity; entityId: number; regionPath: string; fields: string[]; subject: string },
): Promise<void> {
  assertPermission(ctx, 'pii.read');
  await recordAudit(tx, ctx, {
    action: 'pii.view',
    entityType: target.entityType,
    entityId: target.entityId,
    regionPath: target.regionPath,
    after: { fields: target.fields, subject: target.subject },
  });
}

/**
 * Counter bookkeeping: each entity says which measures a row contributes one to (e.g. a migrant
 * resident in a care group → residents, residents.migrant, careGroupMembers, careGroup.disabled);
 * a change is the difference between before and after. Deltas are summed and written once.
 */
export class CounterDeltas {
  // path → measure → delta. Two levels rather than one map keyed by `${path}${measure}`: a bulk
  // import adds 2–4 measures per row, and building and hashing a fresh ~70-character key for each
  // was a measurable share of its CPU.
  private readonly deltas = new Map<string, Map<string, number>>();

  add(path: string, measure: string, value: number): void {
    let m = this.deltas.get(path);
    if (!m) this.deltas.set(path, (m = new Map()));
    m.set(measure, (m.get(measure) ?? 0) + value);
  }

  /** Records a row's change: `before`/`after` are null for insert/archive. */
  change(before: { path: string; measures: readonly string[] } | null, after: { path: string; measures: readonly string[] } | null): void {
    if (before) for (const m of before.measures) this.add(before.path, m, -1);
    if (after) for (const m of after.measures) this.add(after.path, m, 1);
  }

  get size(): number {
    let n = 0;
    for (const m of this.deltas.values()) n += m.size;
    return n;
  }

  async flush(tx: DbOrTx): Promise<void> {
    const rows: { path: string; measure: string; value: number }[] = [];
    for (const [path, m] of this.deltas) for (const [measure, value] of m) rows.push({ path, measure, value });
    await applyCounterDeltas(tx, rows);
    this.deltas.clear();
  }
}

/** The measures the registry maintains, by name, so the web and the dashboard read the same keys. */
export const MEASURES = {
  residents: 'residents',
  residentsByType: (t: string) => `residents.${t}`,
  careGroupMembers: 'careGroupMembers',
  careGroup: (code: string) => `careGroup.${code}`,
  seasonalResidents: 'seasonalResidents',
  households: 'households',
  estates: 'estates',
  unmanagedEstates: 'estates.unmanaged',
  buildings: 'buildings',
  dwellings: 'dwellings',
  rentals: 'rentals',
  vacantDwellings: 'dwellings.vacant',
  places: 'places',
  organizations: 'organizations',
  organizationsByKind: (k: string) => `organizations.${k}`,
  assets: 'assets',
} as const;

/**
 * The tail of a single-row registry write, in the caller's transaction: the audit row (through
 * `snapshot`, which must leave out ciphertext) and the counter deltas between before and after.
 * `before` null = created; `after` null = archived (the row stops counting).
 */
export async function recordChange<R extends { id: number; regionPath: string }>(
  tx: DbOrTx,
  ctx: RequestContext,
  action: string,
  entity: RegistryEntity,
  before: R | null,
  after: R | null,
  how: { measures: (r: R) => readonly string[]; snapshot: (r: R) => unknown },
): Promise<void> {
  const row = (after ?? before)!;
  await recordAudit(tx, ctx, {
    action,
    entityType: entity,
    entityId: row.id,
    regionPath: row.regionPath,
    ...(before ? { before: how.snapshot(before) } : {}),
    ...(after ? { after: how.snapshot(after) } : {}),
  });
  const counters = new CounterDeltas();
  counters.change(before && { path: before.regionPath, measures: how.measures(before) }, after && { path: after.regionPath, measures: how.measures(after) });
  await counters.flush(tx);
}
