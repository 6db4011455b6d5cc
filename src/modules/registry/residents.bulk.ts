// Bulk write of residents (and the households they found or join) for imports and the demo:
// batched lookups by ID-number hash, multi-row inserts/updates, counters once per batch.
// Owned by the import work; this placeholder keeps the sheet contract compiling until it lands.
import type { DbOrTx } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import type { ScopedDb } from '../../shared/scoped.ts';
import type { ResidentInput } from './residents.model.ts';
import type { WriteOutcome } from './sheet.ts';

export async function writeResidents(_tx: DbOrTx, _ctx: RequestContext, _sdb: ScopedDb, _rows: ResidentInput[]): Promise<WriteOutcome[]> {
  throw new Error('writeResidents: not written yet');
}
