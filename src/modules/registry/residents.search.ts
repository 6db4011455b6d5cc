// Finding residents: filters plus one search box that understands what offices type: a name
// prefix (张伟), pinyin initials (zw), the last 4 of an ID number (123X), a full ID number or
// mobile (exact, through the keyed hash), or a piece of an address (幸福小区). Built to stay fast at
// millions of rows: each kind of query hits its own index, and totals are exact only up to 10,000.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { WHOLE_SYSTEM, type RequestContext } from '../../shared/context.ts';
import { piiLookupHash } from '../../shared/pii.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { loadInScope, regionSummariesByIds } from '../regions/index.ts';
import { dwellingIdsByAddress, dwellingPlaces, type DwellingPlace } from './residents.addresses.repository.ts';
import { regionRef, toListItem } from './residents.presenter.ts';
import * as repo from './residents.repository.ts';
import { assertRegistryReader } from './residents.service.ts';
import type { RegionRef, ResidentList } from './residents.views.ts';

export interface ResidentQuery {
  regionId?: number;
  residenceType?: string;
  /** Care-group codes, comma-separated: residents with any of them. */
  tags?: string;
  careGroupOnly?: boolean;
  seasonal?: boolean;
  householdId?: number;
  dwellingId?: number;
  buildingId?: number;
  includeArchived?: boolean;
  q?: string;
  limit?: number;
  offset?: number;
}

/** At most this many dwellings stand for an address fragment; a vaguer fragment should be refined. */
const ADDRESS_DWELLINGS = 2000;

/** What the search box means, as index-friendly branches (any may match). */
export async function classify(sdb: ScopedDb, raw: string | undefined): Promise<repo.SearchBranch[]> {
  const q = (raw ?? '').trim().replace(/\s+/g, '');
  if (!q) return [{ kind: 'all' }];
  if (/^1\d{10}$/.test(q)) return [{ kind: 'mobileHash', hash: piiLookupHash(q) }];
  if (/^\d{17}[\dXx]$/.test(q)) return [{ kind: 'idHash', hash: piiLookupHash(q.toUpperCase()) }];
  if (/^\d{3}[\dXx]$/.test(q)) return [{ kind: 'last4', value: q.toUpperCase() }];
  if (/^[A-Za-z]+$/.test(q)) return [{ kind: 'initials', prefix: q.toLowerCase() }];
  const branches: repo.SearchBranch[] = [{ kind: 'name', prefix: q }];
  // One character is a surname, not an address.
  if (q.length >= 2) {
    const ids = await dwellingIdsByAddress(sdb, q, ADDRESS_DWELLINGS);
    if (ids.length > 0) branches.push({ kind: 'dwellings', ids });
  }
  return branches;
}

export async function toFilter(sdb: ScopedDb, q: ResidentQuery): Promise<repo.ResidentFilter> {
  const tags = (q.tags ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  return {
    regionPath: q.regionId !== undefined ? (await loadInScope(sdb, q.regionId)).path : undefined,
    residenceType: q.residenceType,
    tags: tags.length > 0 ? tags : undefined,
    careGroupOnly: q.careGroupOnly,
    seasonal: q.seasonal,
    householdId: q.householdId,
    dwellingId: q.dwellingId,
    buildingId: q.buildingId,
    includeArchived: q.includeArchived,
  };
}

/** Regions and dwellings of a page of residents, for display. */
export async function pageContext(db: DbOrTx, sdb: ScopedDb, rows: repo.ResidentRow[]): Promise<{ regions: Map<number, RegionRef & { path?: string }>; places: Map<number, DwellingPlace> }> {
  const regionIds = [...new Set(rows.map((r) => r.regionId))];
  // Residents are in scope, so are their regions; the whole-system handle only saves a filter.
  const summaries = await regionSummariesByIds(scoped(db, WHOLE_SYSTEM), regionIds);
  const regions = new Map(summaries.map((s) => [s.id, regionRef(s)!]));
  const places = await dwellingPlaces(sdb, rows.flatMap((r) => (r.dwellingId ? [r.dwellingId] : [])));
  return { regions, places };
}

export async function listResidents(db: Db, ctx: RequestContext, q: ResidentQuery): Promise<ResidentList> {
  assertRegistryReader(ctx);
  const sdb = scoped(db, ctx.actor.scope);
  const [filter, branches] = await Promise.all([toFilter(sdb, q), classify(sdb, q.q)]);
  const limit = q.limit ?? 50;
  const offset = q.offset ?? 0;
  const [ids, count] = await Promise.all([repo.searchIds(sdb, filter, branches, limit, offset), repo.countCapped(sdb, filter, branches)]);
  const byId = new Map((await repo.findResidentsByIds(sdb, ids)).map((r) => [r.id, r]));
  const rows = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  const { regions, places } = await pageContext(db, sdb, rows);
  const today = new Date();
  return {
    items: rows.map((r) => toListItem(r, regions.get(r.regionId) ?? null, r.dwellingId ? places.get(r.dwellingId) : undefined, today)),
    total: count.total,
    totalCapped: count.capped,
  };
}
