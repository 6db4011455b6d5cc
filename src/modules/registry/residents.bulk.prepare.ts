// The bulk writer's per-row work that needs no database: keyed hashes of the ID number, mobile and
// named head, and (while the run is adding people) pinyin keys and the AES-GCM ciphertexts. The import
// engine runs it on each row as it is read (registerRowPrepare), i.e. while the previous batch's
// statements execute in the database process, so this CPU time overlaps the database's instead of
// adding to it; for large files the engine hands whole batches to a worker thread instead (`offload`
// below: only the strings go across). writeResidents takes what was prepared and computes anything missing itself
// (API callers, the demo loader, rows prepared before encryption was switched off).
import type { RequestContext } from '../../shared/context.ts';
import { encryptPii, piiLookupHash } from '../../shared/pii.ts';
import { pinyinKeys } from '../regions/index.ts';
import { registerRowPrepare, runCache } from './import/context.ts';
import type { ResidentInput } from './residents.model.ts';

export interface PreparedResident {
  idHash: string;
  mobileHash: string | null;
  /** Hash of householdHeadIdNumber, when one is named. */
  headHash: string | null;
  /** Pinyin keys; made ahead only while the run is adding rows. */
  pinyin?: { full: string; initials: string };
  /** Ciphertexts made ahead; undefined = not made (the writer encrypts when it needs them). */
  idNumberEnc?: string;
  mobileEnc?: string;
}

// Kept on the row object itself under a private symbol, not in a WeakMap: a million WeakMap entries
// per import are ephemerons the garbage collector has to trace specially, for no benefit here.
const PREPARED = Symbol('preparedResident');
type WithPrepared = ResidentInput & { [PREPARED]?: PreparedResident };

/**
 * Whether rows are encrypted ahead. Only rows that are added (or whose mobile changes) need
 * ciphertext, so a run that finds its rows already stored (re-importing a file) stops encrypting
 * ahead after one such batch; writeResidents updates this after every batch.
 */
export const encryptAhead = (ctx: RequestContext) => runCache(ctx, 'residents.encryptAhead', () => ({ on: true }));

function pinyinOf(ctx: RequestContext, name: string): { full: string; initials: string } {
  // Names repeat (王伟, 李娜 …): pinyin-pro's segmentation is the costliest step, done once per name and run.
  const cache = runCache(ctx, 'residents.pinyin', () => new Map<string, { full: string; initials: string }>());
  let k = cache.get(name);
  if (!k) cache.set(name, (k = pinyinKeys(name)));
  return k;
}

/** Members name their head, whose own row came just before: remember recent ID hashes instead of hashing again. */
function idHashOf(ctx: RequestContext, idNumber: string): string {
  const recent = runCache(ctx, 'residents.idHash', () => new Map<string, string>());
  let h = recent.get(idNumber);
  if (!h) {
    if (recent.size >= 10_000) recent.clear();
    recent.set(idNumber, (h = piiLookupHash(idNumber)));
  }
  return h;
}

export function prepareResident(ctx: RequestContext, r: ResidentInput): PreparedResident {
  let p = (r as WithPrepared)[PREPARED];
  if (!p) {
    p = {
      idHash: idHashOf(ctx, r.idNumber),
      mobileHash: r.mobile ? piiLookupHash(r.mobile) : null,
      headHash: r.householdHeadIdNumber ? idHashOf(ctx, r.householdHeadIdNumber) : null,
    };
    (r as WithPrepared)[PREPARED] = p;
  }
  return p;
}

/** The engine's hook: the hashes always, pinyin and ciphertexts while the run is adding rows. */
function prepareRow(ctx: RequestContext, r: ResidentInput): void {
  const p = prepareResident(ctx, r);
  if (!encryptAhead(ctx).on) return;
  p.pinyin ??= pinyinOf(ctx, r.name);
  p.idNumberEnc ??= encryptPii(r.idNumber);
  if (r.mobile) p.mobileEnc ??= encryptPii(r.mobile);
}

/** Pinyin keys, needed only for rows that are written. */
export const pinyinFor = (ctx: RequestContext, r: ResidentInput, p: PreparedResident) => (p.pinyin ??= pinyinOf(ctx, r.name));

/** A batch as the worker needs it: the strings to hash, encrypt and transliterate. */
interface Packed {
  ids: string[];
  mobiles: (string | null)[];
  heads: (string | null)[];
  /** Names and ciphertexts only while the run is adding rows (see encryptAhead). */
  names: string[] | null;
}
interface Worked {
  idHash: string[];
  mobileHash: (string | null)[];
  headHash: (string | null)[];
  pinyin: { full: string; initials: string }[] | null;
  idEnc: string[] | null;
  mobileEnc: (string | null)[] | null;
}

// The worker's own caches, for the life of the worker (one import run).
const workerPinyin = new Map<string, { full: string; initials: string }>();
const workerIdHash = new Map<string, string>();

function work(packed: unknown): Worked {
  const b = packed as Packed;
  const hashOf = (id: string) => {
    let h = workerIdHash.get(id);
    if (!h) {
      if (workerIdHash.size >= 10_000) workerIdHash.clear();
      workerIdHash.set(id, (h = piiLookupHash(id)));
    }
    return h;
  };
  const pinyinKeysOf = (name: string) => {
    let k = workerPinyin.get(name);
    if (!k) {
      if (workerPinyin.size >= 200_000) workerPinyin.clear();
      workerPinyin.set(name, (k = pinyinKeys(name)));
    }
    return k;
  };
  const adding = b.names !== null;
  return {
    idHash: b.ids.map(hashOf),
    mobileHash: b.mobiles.map((m) => (m ? piiLookupHash(m) : null)),
    headHash: b.heads.map((h) => (h ? hashOf(h) : null)),
    pinyin: adding ? b.names!.map(pinyinKeysOf) : null,
    idEnc: adding ? b.ids.map((id) => encryptPii(id)) : null,
    mobileEnc: adding ? b.mobiles.map((m) => (m ? encryptPii(m) : null)) : null,
  };
}

registerRowPrepare('resident', {
  prepare: (ctx, value) => prepareRow(ctx, value as ResidentInput),
  offload: {
    pack: (ctx, values): Packed => {
      const rows = values as ResidentInput[];
      return {
        ids: rows.map((r) => r.idNumber),
        mobiles: rows.map((r) => r.mobile || null),
        heads: rows.map((r) => r.householdHeadIdNumber || null),
        names: encryptAhead(ctx).on ? rows.map((r) => r.name) : null,
      };
    },
    work,
    unpack: (values, result) => {
      const w = result as Worked;
      (values as WithPrepared[]).forEach((r, i) => {
        r[PREPARED] = {
          idHash: w.idHash[i],
          mobileHash: w.mobileHash[i],
          headHash: w.headHash[i],
          pinyin: w.pinyin?.[i],
          idNumberEnc: w.idEnc?.[i],
          mobileEnc: w.mobileEnc?.[i] ?? undefined,
        };
      });
    },
  },
});
