// Typed application errors: a code from the catalogue plus parameters. HTTP status and the
// zh-CN / en message come from the catalogue, so clients never see internals.
import { ERROR_CATALOGUE, type ErrorCode } from '../i18n/errors.ts';

export type Lang = 'zh-CN' | 'en';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, unknown>;
  readonly details?: unknown;
  constructor(code: ErrorCode, params: Record<string, unknown> = {}, details?: unknown) {
    super(renderMessage(code, params, 'en'));
    this.code = code;
    this.params = params;
    this.details = details;
  }
  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }
}

export function renderMessage(code: ErrorCode, params: Record<string, unknown>, lang: Lang): string {
  const entry = ERROR_CATALOGUE[code];
  const template = lang === 'en' ? entry.en : entry.zh;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined ? `{${k}}` : localized(params[k], lang)));
}

/** A parameter may itself be bilingual ({ zh, en }), e.g. a field name or a row-check reason. */
export interface Bilingual {
  zh: string;
  en: string;
}

function localized(v: unknown, lang: Lang): string {
  if (v && typeof v === 'object' && 'zh' in v && 'en' in v) return String(lang === 'en' ? (v as Bilingual).en : (v as Bilingual).zh);
  return String(v);
}

/** Picks zh-CN unless the client prefers English. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
