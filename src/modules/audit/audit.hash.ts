// The audit chain's hash: sha256 over the previous hash and a canonical JSON of the row. Keys are
// sorted recursively because jsonb does not keep key order, so a row read back hashes the same.
import crypto from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  at: Date;
  actorId: number | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  regionPath: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  clientIp: string | null;
}

export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const keys = Object.keys(value as object).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function rowHash(prevHash: string, f: HashedFields): string {
  // Fields are picked by name: a row read back carries id and hashes that are not part of the body.
  const body = canonicalJson({
    at: f.at.toISOString(),
    actorId: f.actorId,
    actorName: f.actorName,
    action: f.action,
    entityType: f.entityType,
    entityId: f.entityId,
    regionPath: f.regionPath,
    before: f.before,
    after: f.after,
    requestId: f.requestId,
    clientIp: f.clientIp,
  });
  return crypto.createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}
