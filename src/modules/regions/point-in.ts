// "Is this point inside region X": the same even-odd test the locate index answers with, for one
// boundary (a visit's check-in against its grid, whatever overlaps the grid's neighbours may have).
import { LocateIndex } from './locate-index.ts';
import type { Boundary } from './regions.model.ts';

/** True when the point lies inside the boundary (holes excluded); false for a non-finite point. */
export function boundaryContains(boundary: Boundary, lng: number, lat: number): boolean {
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) return false;
  return new LocateIndex([{ id: 1, level: 0, boundary }]).locateLevel(lng, lat, 0) !== null;
}
