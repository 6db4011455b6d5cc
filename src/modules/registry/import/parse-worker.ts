// The parse worker: checks and prepares (hashes, encryption, pinyin) batches of sheet rows on a
// second core while the main thread reads the file and the database writes the previous batch.
import { parentPort, workerData } from 'node:worker_threads';
import { systemContext } from '../../../shared/context.ts';
import { usePiiKeyMaterial } from '../../../shared/pii.ts';
import { SHEETS } from '../sheets.ts';
import { runContext } from './context.ts';
import { rowParser, type RawRow } from './parse-rows.ts';
import type { WorkerReply, WorkerSetup } from './parse-parallel.ts';

const setup = workerData as WorkerSetup;
usePiiKeyMaterial(setup.keyMaterial);
const sheet = SHEETS[setup.entity as keyof typeof SHEETS];
if (!sheet) throw new Error(`no sheet for ${setup.entity}`);
const parse = rowParser(sheet, setup.keys, runContext(systemContext('import-worker')), true);
const port = parentPort!;

port.on('message', (m: { id: number; rows: RawRow[] }) => {
  let reply: WorkerReply;
  try {
    // Values stay on the main thread: only the verdict of each row comes back.
    reply = {
      id: m.id,
      rows: m.rows.map((r) => {
        const p = parse(r);
        return p === null ? null : p.problems ? { problems: p.problems } : { value: p.value, prepared: p.prepared };
      }),
    };
  } catch (e) {
    reply = { id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
