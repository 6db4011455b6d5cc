// Regions: the governance tree (city → district → street → community → grid → micro-grid), its
// boundaries, codes, counters, size rules and the locate index. Other modules use only these.
export * from './regions.model.ts';
export { listRoots, getRegion, listChildren, searchRegions, subtreeGeoJson, regionHistory, locatePoint } from './regions.service.ts';
export { createRegion, updateRegion, archiveRegion, restoreRegion, setSizeRules, adjustCounter, applyCounterDeltas } from './regions.write.ts';
export { moveRegion, mergeGrids, splitGrid } from './regions.structure.ts';
export { importRegions, addCountsByCode, type ImportProblem, type ImportResult, type ImportProgress } from './regions.bulk.ts';
export { loadInScope, sizeRulesFor, summaries, regionSummariesByIds, locatePointsInScope } from './regions.access.ts';
export { findById as findRegionById, unscopedCount as countAllRegions, listSubtree } from './regions.repository.ts';
export type { RegionRow, RegionPlacementRow } from './regions.repository.ts';
/** Batched lookup of regions by code inside the caller's scope (codes outside it are simply absent). */
export { findPlacementsByCode as findRegionsByCodes } from './regions.repository.ts';
export type { RegionSummary, RegionDetail } from './regions.presenter.ts';
export { toSummary } from './regions.presenter.ts';
export { DEFAULT_SIZE_RULES, SizeRulesSchema, type SizeRules } from './size-rules.ts';
export { importRegionFile, exportRegions, type FileFormat } from './regions.transfer.ts';
export type { CreateRegionInput as CreateRegionInputT, UpdateRegionInput as UpdateRegionInputT } from './regions.write.ts';
export type { SplitInput } from './regions.structure.ts';
import type { Db as DbT } from '../../db/engine.ts';
import { scoped as scopedT } from '../../shared/scoped.ts';
import { WHOLE_SYSTEM as WHOLE } from '../../shared/context.ts';
import { findByCode as findByCodeT } from './regions.repository.ts';
/** System-wide lookup by code, for loaders and the CLI acting as the system. */
export const findRegionByCodeSystem = (db: DbT, code: string) => findByCodeT(scopedT(db, WHOLE), code);
export { pinyinKeys } from './pinyin.ts';
export { registerRegionFollower } from './regions.followers.ts';
export { listByIds as regionRowsByIds } from './regions.repository.ts';
export { boundaryContains } from './point-in.ts';
