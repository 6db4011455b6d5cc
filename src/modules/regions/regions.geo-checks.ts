// Boundary rules in the tree: valid GeoJSON, inside the parent, not overlapping siblings, and
// (when a parent's boundary changes) still containing its children. Tolerances absorb digitizing
// noise along shared edges.
import { AppError } from '../../shared/errors.ts';
import type { ScopedDb } from '../../shared/scoped.ts';
import { findSiblingOverlaps, outsideFraction, validateBoundary } from './geometry.ts';
import type { Boundary } from './regions.model.ts';
import * as repo from './regions.repository.ts';

export const CONTAINMENT_TOLERANCE = 0.01;
export const OVERLAP_TOLERANCE = 0.01;

const pct = (f: number) => (f * 100).toFixed(1);

export function assertValidBoundary(b: unknown): asserts b is Boundary {
  const issues = validateBoundary(b);
  if (issues.length) {
    const first = issues[0];
    throw new AppError('GEOMETRY_INVALID', { reason: `${first.code} @ ${first.path}` }, issues.slice(0, 20));
  }
}

export function assertInsideParent(child: Boundary, parent: { name: string; boundary: unknown } | null): void {
  if (!parent?.boundary) return;
  const f = outsideFraction(child, parent.boundary as Boundary);
  if (f > CONTAINMENT_TOLERANCE) throw new AppError('GEOMETRY_OUTSIDE_PARENT', { parent: parent.name, percent: pct(f) });
}

/** Refuses a boundary that overlaps any active sibling; names the offending pair. */
export async function assertNoSiblingOverlap(
  sdb: ScopedDb,
  self: { key: string; name: string; boundary: Boundary },
  parentId: number | null,
  excludeIds: number[],
): Promise<void> {
  const siblings = await repo.siblingsWithBoundary(sdb, parentId, excludeIds);
  if (siblings.length === 0) return;
  const names = new Map(siblings.map((s) => [String(s.id), s.name]));
  const overlaps = findSiblingOverlaps(
    [{ key: self.key, boundary: self.boundary }, ...siblings.map((s) => ({ key: String(s.id), boundary: s.boundary as Boundary }))],
    OVERLAP_TOLERANCE,
  ).filter((o) => o.a === self.key || o.b === self.key);
  if (overlaps.length) {
    const o = overlaps[0];
    const other = o.a === self.key ? o.b : o.a;
    throw new AppError('GEOMETRY_OVERLAP', { a: self.name, b: names.get(other) ?? other, percent: pct(o.fraction) });
  }
}

/** When a parent's boundary changes, its children must still fit. */
export async function assertChildrenInside(sdb: ScopedDb, parentId: number, boundary: Boundary, parentName: string): Promise<void> {
  const children = await repo.siblingsWithBoundary(sdb, parentId, []);
  for (const c of children) {
    const f = outsideFraction(c.boundary as Boundary, boundary);
    if (f > CONTAINMENT_TOLERANCE) throw new AppError('GEOMETRY_OUTSIDE_PARENT', { parent: `${parentName} ← ${c.name}`, percent: pct(f) });
  }
}
