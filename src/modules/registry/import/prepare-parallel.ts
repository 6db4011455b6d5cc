// Preparing batches on a worker thread, for large files. The main thread reads and checks rows and
// drives the database; the entity's offloadable work (for residents: keyed hashes, AES-GCM and
// pinyin, ≈ 20 % of the main thread's time in a profile) runs on the worker for batch N+1 while
// batch N is in the database and N+2 is being read. Only flat strings cross the boundary.
//
// Measured before (2-core machine): a worker that parsed and checked whole rows gained nothing —
// cloning the parsed rows back cost the main thread about what it saved — so the checks stay here.
// A worker failure fails the import like any other error; nothing half-written (its batch was
// never sent to the database).
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { piiKeyMaterial } from '../../../shared/pii.ts';

export interface WorkerSetup {
  entity: string;
  keyMaterial: { enc: Uint8Array; mac: Uint8Array };
}

export type WorkerReply = { id: number; result: unknown } | { id: number; error: string };

/** Files with at least this many rows (estimated) are prepared on a worker; WANGGE_IMPORT_WORKER=0|1 overrides. */
export const WORKER_MIN_ROWS = 20_000;

export function useWorker(estimatedRows: number): boolean {
  const env = process.env.WANGGE_IMPORT_WORKER;
  if (env === '0' || env === '1') return env === '1';
  return estimatedRows >= WORKER_MIN_ROWS && os.availableParallelism() >= 2;
}

export class PrepareWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private failed: Error | null = null;

  constructor(entity: string) {
    const setup: WorkerSetup = { entity, keyMaterial: piiKeyMaterial() };
    this.worker = new Worker(new URL('./prepare-worker.boot.mjs', import.meta.url), { workerData: setup });
    this.worker.on('message', (m: WorkerReply | { ready: true }) => {
      if ('ready' in m) return;
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if ('error' in m) w.reject(new Error(`import worker: ${m.error}`));
      else w.resolve(m.result);
    });
    const fail = (e: Error) => {
      this.failed ??= e;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => code !== 0 && fail(new Error(`import worker exited with code ${code}`)));
  }

  /** Runs the entity's offload work on one packed batch. */
  run(packed: unknown): Promise<unknown> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, packed });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
