// Personal data at rest: AES-256-GCM for the value, a keyed HMAC for exact lookup, masks for
// display. The master key comes from WANGGE_SECRET_KEY (base64, 32 bytes) or a key file in the
// data folder created on first start; lose it and encrypted values cannot be read back.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Key objects, made once: createCipheriv/createHmac with a raw Buffer build one per call.
let encKey: crypto.KeyObject | null = null;
let macKey: crypto.KeyObject | null = null;

function deriveKeys(master: Buffer): void {
  encKey = crypto.createSecretKey(Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), 'wangge-pii-enc', 32)));
  macKey = crypto.createSecretKey(Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), 'wangge-pii-mac', 32)));
}

/** Loads (or creates) the master key. Call once at start-up, before any PII is touched. */
export function initPiiKeys(dataDir: string | undefined): void {
  const fromEnv = process.env.WANGGE_SECRET_KEY;
  if (fromEnv) {
    const master = Buffer.from(fromEnv, 'base64');
    if (master.length !== 32) throw new Error('WANGGE_SECRET_KEY must be 32 bytes, base64-encoded');
    deriveKeys(master);
    return;
  }
  if (!dataDir) {
    // In-memory databases (tests) get an ephemeral key: their data dies with the process anyway.
    deriveKeys(crypto.randomBytes(32));
    return;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'secret.key');
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  deriveKeys(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64'));
}

/** The derived keys' bytes, handed to a worker thread so it encrypts and hashes exactly as this thread does. */
export function piiKeyMaterial(): { enc: Buffer; mac: Buffer } {
  const k = keys();
  return { enc: k.enc.export(), mac: k.mac.export() };
}

/** In a worker thread: use the keys its parent handed over (see piiKeyMaterial). */
export function usePiiKeyMaterial(m: { enc: Uint8Array; mac: Uint8Array }): void {
  encKey = crypto.createSecretKey(Buffer.from(m.enc));
  macKey = crypto.createSecretKey(Buffer.from(m.mac));
}

function keys(): { enc: crypto.KeyObject; mac: crypto.KeyObject } {
  if (!encKey || !macKey) initPiiKeys(undefined);
  return { enc: encKey!, mac: macKey! };
}

// Random 96-bit IVs drawn from a pool filled by one CSPRNG call per 4,096 of them (a call per value
// cost more than the encryption). Each IV is taken once (the position only moves forward and the
// pool is refilled, never rewound), so no IV is ever used twice; the IV is copied into the stored
// value before the pool can be refilled.
const IV_BYTES = 12;
const ivPool = Buffer.alloc(IV_BYTES * 4096);
let ivPos = ivPool.length;

function nextIv(): Buffer {
  if (ivPos + IV_BYTES > ivPool.length) {
    crypto.randomFillSync(ivPool);
    ivPos = 0;
  }
  const iv = ivPool.subarray(ivPos, ivPos + IV_BYTES);
  ivPos += IV_BYTES;
  return iv;
}

/** AES-256-GCM with a fresh random IV: `v1:` + base64(iv | tag | ciphertext). */
export function encryptPii(plain: string): string {
  const iv = nextIv();
  const cipher = crypto.createCipheriv('aes-256-gcm', keys().enc, iv);
  const head = cipher.update(plain, 'utf8');
  const tail = cipher.final(); // empty for GCM (a stream mode); final() computes the tag
  const body = tail.length ? Buffer.concat([head, tail]) : head;
  const out = Buffer.allocUnsafe(IV_BYTES + 16 + body.length);
  iv.copy(out, 0);
  cipher.getAuthTag().copy(out, IV_BYTES);
  body.copy(out, IV_BYTES + 16);
  return `v1:${out.toString('base64')}`;
}

export function decryptPii(stored: string): string {
  const raw = Buffer.from(stored.slice(3), 'base64');
  const decipher = crypto.createDecipheriv('aes-256-gcm', keys().enc, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** Deterministic keyed hash for equality lookups (login by mobile, duplicate checks). */
export function piiLookupHash(plain: string): string {
  return crypto.createHmac('sha256', keys().mac).update(plain.trim().toUpperCase()).digest('hex');
}

export const MOBILE_RE = /^1[3-9]\d{9}$/;

export function maskMobile(mobile: string): string {
  return mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : '***';
}

export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 3)}***********${id.slice(14)}` : '***';
}
