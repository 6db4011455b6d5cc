// Where a resident goes: a dwelling (which fixes the region), a household (whose dwelling or region
// it is), or just a grid/micro-grid. Used by create and move; all lookups go through the caller's
// scope, so a dwelling or household of another community answers SCOPE_DENIED.
import { AppError } from '../../shared/errors.ts';
import type { ScopedDb } from '../../shared/scoped.ts';
import type { HouseholdRow } from './households.repository.ts';
import { joinable } from './households.service.ts';
import { ENTITY_NAMES, invalidField, loadScoped, placeIn, type Placement } from './registry.common.ts';
import { findDwellingPlace, unscopedDwellingExists, type DwellingPlace } from './residents.addresses.repository.ts';

export interface PlacementRequest {
  regionId?: number | null;
  dwellingId?: number | null;
  householdId?: number | null;
  asHead: boolean;
}

export interface ResolvedPlacement {
  region: Placement;
  dwelling: DwellingPlace | null;
  household: HouseholdRow | null;
}

const RESIDENT_LEVELS = [5, 6] as const;

export async function loadDwelling(sdb: ScopedDb, id: number): Promise<DwellingPlace> {
  const d = await loadScoped('dwelling', () => findDwellingPlace(sdb, id), () => unscopedDwellingExists(sdb.db, id));
  if (d.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.dwelling });
  return d;
}

export async function resolvePlacement(sdb: ScopedDb, req: PlacementRequest): Promise<ResolvedPlacement> {
  const household = req.householdId ? await joinable(sdb, req.householdId, req.asHead) : null;
  let dwellingId = req.dwellingId ?? null;
  if (household?.dwellingId) {
    if (dwellingId !== null && dwellingId !== household.dwellingId) {
      throw new AppError('REGISTRY_PLACEMENT', { reason: { zh: `户 ${household.number} 登记在另一套房屋`, en: `household ${household.number} lives in another dwelling` } });
    }
    dwellingId = household.dwellingId;
  }
  const dwelling = dwellingId !== null ? await loadDwelling(sdb, dwellingId) : null;
  const regionId = dwelling?.regionId ?? req.regionId ?? household?.regionId ?? null;
  if (regionId === null) throw invalidField({ zh: '所在网格', en: 'grid' }, { zh: '须指定所在网格、房屋或户', en: 'give a grid, a dwelling or a household' });
  if (dwelling && req.regionId && req.regionId !== dwelling.regionId) {
    throw new AppError('REGISTRY_PLACEMENT', { reason: { zh: '所填网格与房屋所在网格不一致', en: 'the grid given is not the dwelling’s grid' } });
  }
  const region = await placeIn(sdb, regionId, RESIDENT_LEVELS);
  return { region, dwelling, household };
}
