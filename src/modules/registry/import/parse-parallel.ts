// Parsing on a worker thread, for large files. Node spends most of an import's time on per-row CPU
// work (checks, AES-GCM, keyed hashes, pinyin); moving it off the main thread lets it run on the
// second core while the main thread reads the file and drives the database. Batches keep their
// order; a worker failure fails the import like any other error (nothing half-written: the batch
// it belonged to was never sent to the database).
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { piiKeyMaterial } from '../../../shared/pii.ts';
import type { RowProblem } from '../sheet.ts';
import type { ParsedRow, RawRow } from './parse-rows.ts';

export interface WorkerSetup {
  entity: string;
  keys: (string | null)[];
  keyMaterial: { enc: Uint8Array; mac: Uint8Array };
}

export type WorkerVerdict = null | { problems: RowProblem[] } | { value: unknown; prepared: unknown };
export type WorkerReply = { id: number; rows: WorkerVerdict[] } | { id: number; error: string };

/** Files with at least this many rows (estimated) are parsed on a worker; WANGGE_IMPORT_WORKER=0|1 overrides. */
export const WORKER_MIN_ROWS = 20_000;
/**
 * The worker pays only when the main thread, the worker and the database each have a core: on the
 * 2-core bench machine 1,000,000 rows took 96 s with it against 86–90 s without (the same 0.29 of
 * COPY), and a re-import lost more (it encrypts ahead rows that turn out unchanged).
 */
export const WORKER_MIN_CORES = 4;

export function useWorker(estimatedRows: number): boolean {
  const env = process.env.WANGGE_IMPORT_WORKER;
  if (env === '0' || env === '1') return env === '1';
  return estimatedRows >= WORKER_MIN_ROWS && os.availableParallelism() >= WORKER_MIN_CORES;
}

export class ParseWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { rows: RawRow[]; resolve: (r: ParsedRow[]) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private failed: Error | null = null;

  constructor(entity: string, keys: (string | null)[]) {
    const setup: WorkerSetup = { entity, keys, keyMaterial: piiKeyMaterial() };
    this.worker = new Worker(new URL('./parse-worker.boot.mjs', import.meta.url), { workerData: setup });
    this.worker.on('message', (m: WorkerReply | { ready: true }) => {
      if ('ready' in m) return;
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if ('error' in m) return w.reject(new Error(`import worker: ${m.error}`));
      const out: ParsedRow[] = [];
      m.rows.forEach((v, i) => {
        if (v === null) return;
        const { row, values } = w.rows[i];
        out.push('problems' in v ? { row, values, problems: v.problems } : { row, values, value: v.value, prepared: v.prepared });
      });
      w.resolve(out);
    });
    const fail = (e: Error) => {
      this.failed ??= e;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => code !== 0 && fail(new Error(`import worker exited with code ${code}`)));
  }

  /** Parses a batch on the worker; results come back in the batch's order, non-data rows dropped. */
  parse(rows: RawRow[]): Promise<ParsedRow[]> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { rows, resolve, reject });
      this.worker.postMessage({ id, rows });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
