// Recording and verifying the audit chain. Every write in every module calls `recordAudit` inside
// the same transaction as the change, so a change and its audit row commit or fail together.
import type { DbOrTx } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import type { ScopedDb } from '../../shared/scoped.ts';
import { GENESIS_HASH, rowHash, type HashedFields } from './audit.hash.ts';
import * as repo from './audit.repository.ts';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId: string | number;
  regionPath?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Round-trips through JSON so what we hash is exactly what jsonb will give back (dates → strings). */
const plain = (v: unknown): unknown => (v === undefined || v === null ? null : JSON.parse(JSON.stringify(v)));

export async function recordAudit(db: DbOrTx, ctx: RequestContext, e: AuditEvent): Promise<number> {
  const prev = (await repo.lockChainAndReadHead(db)) ?? GENESIS_HASH;
  const fields = toFields(ctx, e, new Date());
  return repo.appendRow(db, fields, prev, rowHash(prev, fields));
}

/** Many events at once (imports): one lock, hashes chained in memory, multi-row inserts. */
export async function recordAuditMany(db: DbOrTx, ctx: RequestContext, events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  let prev = (await repo.lockChainAndReadHead(db)) ?? GENESIS_HASH;
  const at = new Date();
  const rows = events.map((e) => {
    const fields = toFields(ctx, e, at);
    const hash = rowHash(prev, fields);
    const row = { ...fields, prevHash: prev, hash };
    prev = hash;
    return row;
  });
  await repo.appendRows(db, rows);
}

function toFields(ctx: RequestContext, e: AuditEvent, at: Date): HashedFields {
  return {
    at,
    actorId: ctx.actor.userId,
    actorName: ctx.actor.name,
    action: e.action,
    entityType: e.entityType,
    entityId: String(e.entityId),
    regionPath: e.regionPath ?? null,
    before: plain(e.before),
    after: plain(e.after),
    requestId: ctx.requestId,
    clientIp: ctx.clientIp,
  };
}

export interface VerifyProblem {
  id: number;
  kind: 'edited' | 'deleted' | 'reordered';
  message: string;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  problems: VerifyProblem[];
}

/** Walks the chain; names each row whose content changed and each gap where rows went missing. */
export async function verifyChain(db: DbOrTx, onProgress?: (checked: number) => void): Promise<VerifyResult> {
  const problems: VerifyProblem[] = [];
  let prevHash = GENESIS_HASH;
  let prevId = 0;
  let checked = 0;
  for await (const page of repo.readChain(db)) {
    for (const row of page) {
      const recomputed = rowHash(row.prevHash, row);
      if (recomputed !== row.hash) {
        problems.push({ id: row.id, kind: 'edited', message: `row ${row.id} content does not match its hash (edited)` });
      }
      if (row.prevHash !== prevHash) {
        problems.push({
          id: row.id,
          kind: 'deleted',
          message: `row ${row.id} does not follow row ${prevId || '(start)'}: rows between them were deleted or altered`,
        });
      }
      prevHash = row.hash;
      prevId = row.id;
      checked++;
    }
    onProgress?.(checked);
  }
  const head = await repo.readHead(db);
  if (head && (head.id !== prevId || head.hash !== prevHash)) {
    problems.push({
      id: head.id,
      kind: 'deleted',
      message: `the newest row ${head.id} is missing: the log ends at row ${prevId || '(empty)'}`,
    });
  }
  return { ok: problems.length === 0, checked, problems };
}

export function listAudit(sdb: ScopedDb, filter: repo.AuditFilter) {
  return repo.listEntries(sdb, filter);
}
