// The prepare worker: runs an entity's offload work (RowOffload.work) on packed batches, on a
// second core, while the main thread checks the next rows and the database writes the last batch.
import { parentPort, workerData } from 'node:worker_threads';
import { usePiiKeyMaterial } from '../../../shared/pii.ts';
import { SHEETS } from '../sheets.ts';
import { rowPrepare } from './context.ts';
import type { WorkerReply, WorkerSetup } from './prepare-parallel.ts';

const setup = workerData as WorkerSetup;
usePiiKeyMaterial(setup.keyMaterial);
// The sheets' modules register their preparations when loaded.
if (!SHEETS[setup.entity as keyof typeof SHEETS]) throw new Error(`no sheet for ${setup.entity}`);
const offload = rowPrepare(setup.entity)?.offload;
if (!offload) throw new Error(`no offloadable preparation for ${setup.entity}`);
const port = parentPort!;

port.on('message', (m: { id: number; packed: unknown }) => {
  let reply: WorkerReply;
  try {
    reply = { id: m.id, result: offload.work(m.packed) };
  } catch (e) {
    reply = { id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
