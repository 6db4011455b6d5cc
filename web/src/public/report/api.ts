// What the resident's pages call: the public case endpoints (no account) and the category
// catalogue, from the case loop's one API module; plus how a photo of a followed case is loaded.
import i18n from '../../i18n';
import { ApiError, buildUrl } from '../../api/client';
import { casesApi, categoriesApi, publicCasesApi, type CasePhotoView, type CategoryView, type PublicCaseView } from '../../cases/api';
import type { Satisfaction } from '../../../../src/modules/cases/cases.workflow';

export { casesApi, categoriesApi, publicCasesApi };
export type { CasePhotoView, CategoryView, PublicCaseView, Satisfaction };

/**
 * A followed case's photo as the resident's page loads it: the server never puts a mobile number
 * into a URL it hands out, so the page adds the one the resident typed.
 */
export function photoSrc(p: CasePhotoView, mobile: string): string {
  const url = casesApi.photoUrl(p);
  return `${url}${url.includes('?') ? '&' : '?'}${new URLSearchParams({ mobile })}`;
}

/** A fresh key for one report; kept by the form until the report has gone through. */
export const newIdempotencyKey = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `k${Date.now()}${Math.random().toString(36).slice(2)}`;

/**
 * POST a report with `Idempotency-Key`: a phone on a weak network retries, and the retry must get
 * the same case back (200) instead of making a second one. (The shared client sends no headers.)
 */
export async function postIdempotent<T>(path: string, body: unknown, key: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(buildUrl(path), {
      method: 'POST',
      credentials: 'include',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'Accept-Language': i18n.language || 'zh-CN', 'Idempotency-Key': key },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('error.network'));
  }
  const data = (await res.json().catch(() => ({}))) as { code?: string; message?: string; details?: unknown };
  if (!res.ok) throw new ApiError(res.status, data.code ?? `HTTP_${res.status}`, data.message ?? i18n.t('error.http', { status: res.status }), data.details);
  return data as T;
}

/** 随手拍 with its key: `{ code }` of the new case, or of the same case on a retry. */
export const reportOnce = (body: Parameters<typeof publicCasesApi.report>[0], key: string) => postIdempotent<{ code: string }>('/public/cases', body, key);
