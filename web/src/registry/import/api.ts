// Registry templates, import jobs and exports over /api/v1. The job is asynchronous: the upload
// answers 202 with an id, and the job is polled until it is no longer running.
import { api, buildUrl } from '../../api/client';

export type RegistryEntity = 'resident' | 'estate' | 'building' | 'dwelling' | 'rental' | 'place' | 'organization' | 'asset';
export type ImportMode = 'all-or-nothing' | 'skip-invalid';

/** A reason may come localized already or as both languages. */
export type Text = string | { zh: string; en: string };

export interface ImportJobProblem {
  row: number;
  /** The column's Chinese header as in the template ('' for the whole row). */
  column: string;
  reason: Text;
}

export interface ImportJob {
  id: number;
  entity: RegistryEntity;
  mode: ImportMode;
  fileName: string;
  /** running | done | rejected (all-or-nothing with bad rows) | failed */
  status: string;
  totalRows: number;
  processedRows: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
  problems?: ImportJobProblem[];
  failure?: Text | null;
  hasErrorWorkbook?: boolean;
  createdAt: string;
  finishedAt: string | null;
}

export const importApi = {
  templateUrl: (entity: RegistryEntity) => buildUrl(`/registry/templates/${entity}`),
  start: (entity: RegistryEntity, mode: ImportMode, file: File) =>
    api.upload<{ jobId: number }>('/registry/imports', file, { entity, mode, fileName: file.name }),
  get: (id: number) => api.get<ImportJob>(`/registry/imports/${id}`),
  list: (q: { entity?: RegistryEntity; limit?: number; offset?: number }) => api.get<{ items: ImportJob[] }>('/registry/imports', q),
  errorsUrl: (id: number) => buildUrl(`/registry/imports/${id}/errors`),
};

export const textOf = (v: Text | null | undefined, lang: string): string =>
  v == null ? '' : typeof v === 'string' ? v : lang === 'en' ? v.en : v.zh;
