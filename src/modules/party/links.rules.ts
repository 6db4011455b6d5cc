// The link network's ranges (联户): a liaison household links `householdsPerLiaison` households, a
// party group leader links `liaisonsPerLeader` liaison households. Both ends of a range are in it
// (30 and 50 are fine, 29 and 51 are not). Pure: the coverage report and the views call these.
import type { OutOfRangeItem, RangeState } from './links.views.ts';

export interface Range {
  min: number;
  max: number;
}

export function rangeState(count: number, range: Range): RangeState {
  if (count < range.min) return 'below';
  if (count > range.max) return 'above';
  return 'in';
}

/** Share covered, rounded to four places; null when there is nothing to cover. */
export function coverageRatio(covered: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.round((covered / total) * 10000) / 10000;
}

/** Tallies counts against a range: how many are below it and above it, and the items out of it. */
export function tally(kind: OutOfRangeItem['kind'], entries: readonly { id: number; name: string; count: number }[], range: Range) {
  const out: OutOfRangeItem[] = [];
  let below = 0;
  let above = 0;
  for (const e of entries) {
    const state = rangeState(e.count, range);
    if (state === 'in') continue;
    if (state === 'below') below++;
    else above++;
    out.push({ kind, id: e.id, name: e.name, count: e.count, min: range.min, max: range.max, state });
  }
  return { total: entries.length, below, above, out };
}

const KIND_ORDER = { leader: 0, liaison: 1 } as const;
const STATE_ORDER = { below: 0, above: 1 } as const;

/** Leaders before liaison households, below the range before above it, then by count and id. */
export function outOfRangeOrder(a: OutOfRangeItem, b: OutOfRangeItem): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.count - b.count || a.id - b.id;
}
