// In-memory "which region contains this point": a report's GPS fix → micro-grid, grid,
// community. Built once from stored boundaries, then queried on the hot path (every report,
// every import row), hence flat typed arrays and no allocation per lookup.
import Flatbush from 'flatbush';
import type { Boundary } from './regions.model.ts';

export interface LocateItem {
  id: number;
  level: number;
  /** Regions without a drawn boundary are skipped. */
  boundary: Boundary | null;
}

export interface LocateHit {
  level: number;
  id: number;
}

/** One level's regions: its own box tree, so a level-6 lookup never wades through districts. */
interface LevelIndex {
  level: number;
  tree: Flatbush;
  /** Tree item → entry number. */
  entries: Uint32Array;
}

export class LocateIndex {
  /** Entry number → region id. */
  private readonly ids: Float64Array;
  /** Entry e owns rings ringStart[e] .. ringStart[e+1]-1 (outer rings and holes alike). */
  private readonly entryRingStart: Uint32Array;
  /** Ring r owns vertices vertStart[r] .. vertStart[r+1]-1, closing vertex left out. */
  private readonly vertStart: Uint32Array;
  /** x0, y0, x1, y1, … for every vertex of every ring. */
  private readonly xy: Float64Array;
  /** Deepest level first, the order locateAll answers in. */
  private readonly levels: LevelIndex[];

  // Query state for the Flatbush filter: a field-bound callback avoids a closure per lookup.
  private qx = 0;
  private qy = 0;
  private qEntries: Uint32Array = new Uint32Array(0);
  private hit = -1;
  private readonly test = (item: number): boolean => {
    const e = this.qEntries[item];
    if (this.contains(e, this.qx, this.qy)) {
      this.hit = e;
      return true;
    }
    return false;
  };

  constructor(items: readonly LocateItem[]) {
    let ringCount = 0;
    let vertCount = 0;
    const kept: LocateItem[] = [];
    for (const it of items) {
      if (!it.boundary) continue;
      kept.push(it);
      for (const poly of polygonsOf(it.boundary)) {
        for (const ring of poly) {
          ringCount++;
          vertCount += openLength(ring);
        }
      }
    }

    this.ids = new Float64Array(kept.length);
    this.entryRingStart = new Uint32Array(kept.length + 1);
    this.vertStart = new Uint32Array(ringCount + 1);
    this.xy = new Float64Array(vertCount * 2);
    const boxes = new Float64Array(kept.length * 4);
    let r = 0;
    let v = 0;
    kept.forEach((it, e) => {
      this.ids[e] = it.id;
      this.entryRingStart[e] = r;
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (const poly of polygonsOf(it.boundary!)) {
        for (const ring of poly) {
          this.vertStart[r++] = v;
          const n = openLength(ring);
          for (let i = 0; i < n; i++) {
            const x = ring[i][0], y = ring[i][1];
            this.xy[2 * v] = x;
            this.xy[2 * v + 1] = y;
            v++;
            if (x < minX) minX = x;
            if (x > maxX) maxX = x;
            if (y < minY) minY = y;
            if (y > maxY) maxY = y;
          }
        }
      }
      boxes.set([minX, minY, maxX, maxY], e * 4);
    });
    this.entryRingStart[kept.length] = r;
    this.vertStart[ringCount] = v;

    const byLevel = new Map<number, number[]>();
    kept.forEach((it, e) => {
      const list = byLevel.get(it.level) ?? [];
      list.push(e);
      byLevel.set(it.level, list);
    });
    this.levels = [...byLevel.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([level, list]) => {
        const tree = new Flatbush(list.length);
        for (const e of list) tree.add(boxes[e * 4], boxes[e * 4 + 1], boxes[e * 4 + 2], boxes[e * 4 + 3]);
        tree.finish();
        return { level, tree, entries: Uint32Array.from(list) };
      });
  }

  static empty(): LocateIndex {
    return new LocateIndex([]);
  }

  /** Number of indexed regions (those with a boundary). */
  get size(): number {
    return this.ids.length;
  }

  /** The region of `level` containing the point, or null. */
  locateLevel(lng: number, lat: number, level: number): number | null {
    for (const li of this.levels) {
      if (li.level === level) return this.searchLevel(li, lng, lat);
    }
    return null;
  }

  /** Every region containing the point, one per level, deepest level first. */
  locateAll(lng: number, lat: number): LocateHit[] {
    const out: LocateHit[] = [];
    for (const li of this.levels) {
      const id = this.searchLevel(li, lng, lat);
      if (id !== null) out.push({ level: li.level, id });
    }
    return out;
  }

  private searchLevel(li: LevelIndex, lng: number, lat: number): number | null {
    // NaN never compares true, so it simply finds nothing; ±Infinity lies outside every box.
    this.qx = lng;
    this.qy = lat;
    this.qEntries = li.entries;
    this.hit = -1;
    // collides() stops at the first box whose filter accepts, so one polygon test usually suffices.
    li.tree.collides(lng, lat, lng, lat, this.test);
    return this.hit < 0 ? null : this.ids[this.hit];
  }

  /**
   * Ray casting towards +x, even-odd over all rings of the entry, so holes and the parts of a
   * MultiPolygon need no bookkeeping. Half-open rules make a shared edge belong to exactly one
   * neighbour: an edge counts when one end is strictly above the point (y > qy) and the other
   * is not, and a point exactly on the crossing (x == xi) is not "left of" it. The crossing is
   * computed from the lower end upwards so that two neighbours, which walk their shared edge
   * in opposite directions, get the bit-identical xi.
   */
  private contains(e: number, x: number, y: number): boolean {
    const xy = this.xy;
    const vs = this.vertStart;
    let inside = false;
    for (let r = this.entryRingStart[e], rEnd = this.entryRingStart[e + 1]; r < rEnd; r++) {
      const start = vs[r];
      const end = vs[r + 1];
      let j = end - 1;
      for (let i = start; i < end; j = i++) {
        const yi = xy[2 * i + 1];
        const yj = xy[2 * j + 1];
        if (yi > y !== yj > y) {
          const xi = xy[2 * i];
          const xj = xy[2 * j];
          const cross = yi < yj ? xi + ((y - yi) * (xj - xi)) / (yj - yi) : xj + ((y - yj) * (xi - xj)) / (yi - yj);
          if (x < cross) inside = !inside;
        }
      }
    }
    return inside;
  }
}

function polygonsOf(b: Boundary): number[][][][] {
  return b.type === 'Polygon' ? [b.coordinates] : b.coordinates;
}

/** Ring length without the closing repeat of the first vertex. */
function openLength(ring: number[][]): number {
  const n = ring.length;
  if (n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1]) return n - 1;
  return n;
}
