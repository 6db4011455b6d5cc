// Outbound messages (SMS, WeChat) behind an interface. The shipped channel only logs: a deployment
// plugs in its own gateway either in code (`setOutboundChannel`) or by naming a module in
// WANGGE_OUTBOUND_MODULE (a file path or package name) whose default export is an OutboundChannel
// or a function returning one. Every message leaves a row in outbound_messages with the recipient
// masked; the gateway gets it in full.
//
// The channel is called inside the caller's transaction, so the log row commits or rolls back with
// the step that sent it. Consequences for callers: send as the last thing in the transaction (a
// gateway cannot take a message back if a later statement fails), and a slow gateway holds the
// transaction, so every call is cut off after WANGGE_OUTBOUND_TIMEOUT_MS (default 5 s) and
// recorded as failed. A failing channel never breaks the caller's step: it is recorded, not thrown.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DbOrTx } from '../../db/engine.ts';
import { maskMobile, MOBILE_RE } from '../../shared/pii.ts';
import * as repo from './notifications.repository.ts';

export type OutboundChannelName = 'sms' | 'wechat';

export interface OutboundMessage {
  channel: OutboundChannelName;
  /** Mobile number (sms) or WeChat openid (wechat), in full. */
  recipient: string;
  /** Template id known to the gateway, e.g. `caseReceived`. */
  template: string;
  params: Record<string, unknown>;
  caseId?: number | null;
}

export interface OutboundChannel {
  /** Shown in logs. */
  readonly name: string;
  /**
   * Delivers (or queues) one message. Resolve 'sent' when a gateway accepted it, 'logged' when the
   * channel only records it; throw when it was refused.
   */
  send(message: OutboundMessage): Promise<'sent' | 'logged'>;
}

export type OutboundStatus = 'logged' | 'sent' | 'failed';

export interface OutboundResult {
  id: number;
  status: OutboundStatus;
  error?: string;
}

/** The default: delivers nothing; the outbound_messages row it leaves is the record. */
export const loggingChannel: OutboundChannel = {
  name: 'logging',
  send: async () => 'logged',
};

/** Where the failure reason goes in the row's params (the table has no column for it). */
export const OUTBOUND_ERROR_KEY = '_error';

let explicit: OutboundChannel | null = null;
let fromEnv: Promise<OutboundChannel> | null = null;

/** Installs a deployment's channel for this process; null goes back to WANGGE_OUTBOUND_MODULE or the logging channel. */
export function setOutboundChannel(channel: OutboundChannel | null): void {
  if (channel !== null && (typeof channel !== 'object' || typeof channel.send !== 'function')) throw new Error('setOutboundChannel: not an OutboundChannel (needs send())');
  explicit = channel;
  fromEnv = null;
}

function isChannel(v: unknown): v is OutboundChannel {
  return !!v && typeof v === 'object' && typeof (v as OutboundChannel).send === 'function';
}

async function loadModuleChannel(spec: string): Promise<OutboundChannel> {
  // A path (./x.js, /opt/x.mjs, x.ts) is resolved from the working folder; anything else is a package.
  const isPath = spec.startsWith('.') || path.isAbsolute(spec) || /\.[cm]?[jt]s$/.test(spec);
  const mod = (await import(isPath ? pathToFileURL(path.resolve(spec)).href : spec)) as { default?: unknown; channel?: unknown };
  let v = mod.default ?? mod.channel;
  if (typeof v === 'function') v = await (v as () => unknown)();
  if (!isChannel(v)) throw new Error(`WANGGE_OUTBOUND_MODULE ${spec}: the default export is not an OutboundChannel (an object with send(), or a function returning one)`);
  return v;
}

/**
 * The channel in use: set in code, else loaded once from WANGGE_OUTBOUND_MODULE, else logging.
 * Call it at start-up to fail fast on a broken module (otherwise every message records the error).
 */
export function outboundChannel(): Promise<OutboundChannel> {
  if (explicit) return Promise.resolve(explicit);
  const spec = process.env.WANGGE_OUTBOUND_MODULE?.trim();
  if (!spec) return Promise.resolve(loggingChannel);
  fromEnv ??= loadModuleChannel(spec);
  return fromEnv;
}

/** Masked for the log: mobiles as 138****5678, other ids (openids) keep 3 + 2 characters. */
export function maskRecipient(channel: OutboundChannelName, recipient: string): string {
  if (channel === 'sms') return maskMobile(recipient);
  return recipient.length > 8 ? `${recipient.slice(0, 3)}***${recipient.slice(-2)}` : '***';
}

function timeoutMs(): number {
  const v = Number(process.env.WANGGE_OUTBOUND_TIMEOUT_MS);
  return Number.isFinite(v) && v > 0 ? v : 5_000;
}

async function deliver(m: OutboundMessage): Promise<{ status: OutboundStatus; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const channel = await outboundChannel();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`channel ${channel.name} timed out after ${timeoutMs()} ms`)), timeoutMs());
    });
    const status = await Promise.race([channel.send({ ...m, params: { ...m.params } }), timeout]);
    if (status !== 'sent' && status !== 'logged') throw new Error(`channel ${channel.name} answered ${String(status)}`);
    return { status };
  } catch (e) {
    return { status: 'failed', error: (e instanceof Error ? e.message : String(e)).slice(0, 500) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Hands one message to the channel and records it (recipient masked) in the caller's transaction.
 * Never throws for a channel's failure: the row says 'failed' and carries the reason.
 */
export async function sendOutbound(tx: DbOrTx, m: OutboundMessage): Promise<OutboundResult> {
  if (m.channel !== 'sms' && m.channel !== 'wechat') throw new Error(`sendOutbound: unknown channel ${String(m.channel)}`);
  if (!m.template) throw new Error('sendOutbound: template required');
  const recipient = String(m.recipient ?? '').trim();
  // A recipient no gateway could reach is recorded as failed without asking the channel.
  const refused = !recipient ? 'no recipient' : m.channel === 'sms' && !MOBILE_RE.test(recipient) ? 'not a mainland mobile number' : null;
  const result = refused ? { status: 'failed' as const, error: refused } : await deliver({ ...m, recipient });
  const params = result.error ? { ...m.params, [OUTBOUND_ERROR_KEY]: result.error } : m.params;
  const row = await repo.insertOutbound(tx, {
    channel: m.channel,
    recipientMasked: maskRecipient(m.channel, recipient),
    template: m.template,
    params,
    caseId: m.caseId ?? null,
    status: result.status,
  });
  return { id: row.id, status: result.status, ...(result.error ? { error: result.error } : {}) };
}
