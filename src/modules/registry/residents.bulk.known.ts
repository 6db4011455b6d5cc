// Which ID-number hashes the registry held when a large import run started, as a Bloom filter, so
// that a batch looks up in the database only the rows that may be stored already. The hashes are
// keyed HMAC-SHA256 (uniform bits), so the filter's bit positions are read straight off the hex.
// An initial load into an empty registry then looks up (almost) nothing: on the 2-core bench
// machine the lookup was ≈ 20 µs per row, on the import's one database connection.
//
// Rows written earlier in the same run are not in the filter. Such a row is either the same
// person again (refused as a duplicate before any lookup matters) or a head of household that a
// later row names: head hashes not in their own batch are always looked up. Someone else storing
// the same person meanwhile makes the batch's COPY fail on the unique hash index; the engine then
// writes the batch again with exact lookups (RunFacts.exact).
import type { DbOrTx } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { runCache, runFacts } from './import/context.ts';
import * as repo from './residents.bulk.repository.ts';

/** Runs of fewer rows look every row up: reading the stored hashes would cost more than it saves. */
export const KNOWN_MIN_RUN = 50_000;
/** …and so do runs small against the registry (reading a hash ≈ 1–2 µs, looking one up ≈ 10–20 µs). */
export const KNOWN_MAX_TABLE_PER_ROW = 4;

/** Whether a run of `rows` into a registry of `stored` takes the shortcut; WANGGE_IMPORT_KNOWN=0|1 overrides (tests take it on small files). */
function worthIt(rows: number, stored: number): boolean {
  const env = process.env.WANGGE_IMPORT_KNOWN;
  if (env === '0' || env === '1') return env === '1';
  return rows >= KNOWN_MIN_RUN && stored <= rows * KNOWN_MAX_TABLE_PER_ROW;
}
const BITS_PER_KEY = 16; // three probes: ≈ 0.5 % false positives
const READ_CHUNK = 100_000;

export class KnownHashes {
  private readonly bits: Uint32Array;
  private readonly m: number;
  constructor(n: number) {
    this.m = Math.max(64, n * BITS_PER_KEY);
    this.bits = new Uint32Array(Math.ceil(this.m / 32));
  }
  private positions(hex: string): [number, number, number] {
    return [parseInt(hex.slice(0, 8), 16) % this.m, parseInt(hex.slice(8, 16), 16) % this.m, parseInt(hex.slice(16, 24), 16) % this.m];
  }
  add(hex: string): void {
    for (const p of this.positions(hex)) this.bits[p >>> 5] |= 1 << (p & 31);
  }
  /** False: certainly not stored at the start of the run. */
  mayHave(hex: string): boolean {
    for (const p of this.positions(hex)) if ((this.bits[p >>> 5] & (1 << (p & 31))) === 0) return false;
    return true;
  }
}

/**
 * The run's filter, built on its first batch; null = look every row up (small or unsized runs,
 * a registry much larger than the run, or after a unique violation).
 */
export async function knownHashes(ctx: RequestContext, tx: DbOrTx): Promise<KnownHashes | null> {
  const facts = runFacts(ctx);
  if (facts.exact) return null;
  const slot = runCache(ctx, 'residents.knownHashes', () => ({ built: false, filter: null as KnownHashes | null }));
  if (!slot.built) {
    slot.built = true;
    // Nothing to decide on for unsized runs (.xlsx) or small ones: skip even the count.
    const env = process.env.WANGGE_IMPORT_KNOWN;
    if (env !== '1' && (env === '0' || facts.estimatedRows < KNOWN_MIN_RUN)) return null;
    const stored = await repo.residentCount(tx);
    if (worthIt(facts.estimatedRows, stored)) {
      const filter = new KnownHashes(stored);
      for (let after = 0; ; ) {
        const chunk = await repo.hashesAfter(tx, after, READ_CHUNK);
        for (const h of chunk.hashes) filter.add(h);
        if (chunk.hashes.length < READ_CHUNK) break;
        after = chunk.lastId;
      }
      slot.filter = filter;
    }
  }
  return slot.filter;
}
