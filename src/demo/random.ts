// Seeded randomness for the demo generator. Math.random is never used: the same seed must give
// the same city byte for byte, on every machine and Node version.

/** A small seeded PRNG (mulberry32): 32-bit state, fast, good enough for synthetic data. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    // Spread small seeds (1, 2, 3 …) over the state space so neighbouring seeds diverge at once.
    this.state = (Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ 0x5bd1e995) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform float in [min, max). */
  float(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks a key with probability proportional to its weight. */
  weighted<K extends string>(table: Readonly<Record<K, number>>): K {
    const keys = Object.keys(table) as K[];
    let total = 0;
    for (const k of keys) total += table[k];
    let r = this.next() * total;
    for (const k of keys) {
      r -= table[k];
      if (r < 0) return k;
    }
    return keys[keys.length - 1];
  }

  /** Fisher–Yates, in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

/**
 * Splits `total` into one integer per weight, roughly proportional to the (jittered) weights and
 * each within [min, max]. The bounds widen only when they cannot be met at all (e.g. 6 children
 * over 1 parent with min 8). The result always sums to `total` exactly.
 */
export function distribute(rng: Rng, total: number, weights: readonly number[], min: number, max: number): number[] {
  const n = weights.length;
  if (n === 0) {
    if (total !== 0) throw new RangeError(`cannot distribute ${total} over no parents`);
    return [];
  }
  const lo = Math.min(min, Math.floor(total / n));
  const hi = Math.max(max, Math.ceil(total / n));
  const jittered = weights.map((w) => w * rng.float(0.75, 1.25));
  const sum = jittered.reduce((a, b) => a + b, 0);
  const ideal = jittered.map((w) => (total * w) / sum);
  const counts = ideal.map((x) => Math.min(hi, Math.max(lo, Math.round(x))));
  let diff = total - counts.reduce((a, b) => a + b, 0);
  // Hand out (or take back) the remainder one at a time, the most under-served first.
  while (diff !== 0) {
    const step = diff > 0 ? 1 : -1;
    const order = counts
      .map((c, i) => ({ i, residual: (ideal[i] - c) * step }))
      .sort((a, b) => b.residual - a.residual || a.i - b.i);
    let moved = false;
    for (const { i } of order) {
      if (diff === 0) break;
      const next = counts[i] + step;
      if (next < lo || next > hi) continue;
      counts[i] = next;
      diff -= step;
      moved = true;
    }
    if (!moved) throw new RangeError(`cannot distribute ${total} over ${n} within [${lo}, ${hi}]`);
  }
  return counts;
}
