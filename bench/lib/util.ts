// Small helpers shared by the benchmarks: clock, statistics, seeded randomness, formatting and
// progress lines. Timing uses process.hrtime.bigint() throughout.

export const nowNs = (): bigint => process.hrtime.bigint();
export const msSince = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

const started = nowNs();
/** A progress line with the time since the run started. */
export function log(msg: string): void {
  const s = msSince(started) / 1000;
  const mm = String(Math.floor(s / 60)).padStart(2, '0');
  const ss = (s % 60).toFixed(1).padStart(4, '0');
  process.stdout.write(`[${mm}:${ss}] ${msg}\n`);
}
export const runSeconds = (): number => msSince(started) / 1000;

/** mulberry32: tiny, seedable, good enough to place points. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface LatencyStats {
  n: number;
  medianMs: number;
  p99Ms: number;
  meanMs: number;
  minMs: number;
  maxMs: number;
}

export function latencyStats(samplesMs: number[]): LatencyStats {
  const s = [...samplesMs].sort((a, b) => a - b);
  const n = s.length;
  const at = (q: number) => s[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))];
  return {
    n,
    medianMs: n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2,
    p99Ms: at(0.99),
    meanMs: s.reduce((a, b) => a + b, 0) / n,
    minMs: s[0],
    maxMs: s[n - 1],
  };
}

/** Runs `fn` `warmup` times unmeasured, then `reps` times measured one by one. */
export async function measureLatency(fn: () => Promise<unknown>, reps: number, warmup: number): Promise<LatencyStats> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = nowNs();
    await fn();
    samples.push(msSince(t0));
  }
  return latencyStats(samples);
}

/**
 * Like measureLatency for several calls at once, taking turns call by call (a, b, c, a, b, c, …),
 * so that every call sees the same share of any other load on the machine.
 */
export async function measureInterleaved<K extends string>(fns: Record<K, () => Promise<unknown>>, reps: number, warmup: number): Promise<Record<K, LatencyStats>> {
  const keys = Object.keys(fns) as K[];
  for (let i = 0; i < warmup; i++) for (const k of keys) await fns[k]();
  const samples = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < reps; i++) {
    for (const k of keys) {
      const t0 = nowNs();
      await fns[k]();
      samples[k].push(msSince(t0));
    }
  }
  return Object.fromEntries(keys.map((k) => [k, latencyStats(samples[k])])) as Record<K, LatencyStats>;
}

export const median = (xs: number[]): number => latencyStats(xs).medianMs;

export function fmtRate(perSec: number | null | undefined, unit = '/s'): string {
  if (perSec === null || perSec === undefined || !Number.isFinite(perSec)) return '–';
  if (perSec >= 1e6) return `${(perSec / 1e6).toFixed(2)} M${unit}`;
  if (perSec >= 1e4) return `${(perSec / 1e3).toFixed(0)} k${unit}`;
  if (perSec >= 1e3) return `${(perSec / 1e3).toFixed(1)} k${unit}`;
  return `${perSec.toFixed(perSec >= 100 ? 0 : 1)}${unit}`;
}

export function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** "3.4× faster"-style ratio of two figures where bigger is better; '–' when either is missing. */
export function fmtRatio(x: number | null | undefined, base: number | null | undefined): string {
  if (!x || !base || !Number.isFinite(x) || !Number.isFinite(base)) return '–';
  const r = x / base;
  return r >= 10 ? `${r.toFixed(0)}×` : r >= 1 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`;
}

export const errMsg = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 300);
