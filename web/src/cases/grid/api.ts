// What the grid worker's page needs beyond the case API module: a report sent with an
// idempotency key (a patrol phone on a weak network retries, and the retry must not make a second
// case), and the outlines of the worker's own grid for the map.
import { regionsApi } from '../../api/endpoints';
import type { RegionFeatureCollection } from '../../api/types';
import { postIdempotent } from '../../public/report/api';
import type { CaseDetail, CaseInput } from '../api';

export { newIdempotencyKey } from '../../public/report/api';

/** POST /cases with `Idempotency-Key`: 201 the first time, 200 with the same case on a retry. */
export const createCaseOnce = (body: CaseInput, key: string) => postIdempotent<CaseDetail>('/cases', body, key);

/** The worker's scope region and what lies under it one level down (a grid and its micro-grids). */
export async function scopeOutlines(regionId: number): Promise<RegionFeatureCollection> {
  const [region, children] = await Promise.all([regionsApi.get(regionId), regionsApi.geojson(regionId, 1)]);
  const { id, code, name, level, kind, sizeStatus, parentId, boundary } = region;
  const own = boundary
    ? [{ type: 'Feature' as const, id, geometry: boundary, properties: { id, code, name, level, kind, sizeStatus, parentId } }]
    : [];
  return { type: 'FeatureCollection', features: [...own, ...children.features] };
}
