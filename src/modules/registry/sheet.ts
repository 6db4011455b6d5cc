// The contract between each registry entity and the generic import/export engine (import/*.ts).
// An entity describes its spreadsheet columns once; the same description gives the downloadable
// template, reads an uploaded row, and writes the export. The engine owns files, batching,
// transactions, modes, progress and the error workbook; the entity owns meaning and storage.
import type { DbOrTx } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import type { Bilingual } from '../../shared/errors.ts';
import type { ScopedDb } from '../../shared/scoped.ts';
import type { RegistryEntity } from './registry.common.ts';

export interface SheetColumn {
  /** Stable key used in parsed cells and problems (e.g. 'idNumber'). */
  key: string;
  /** Chinese header as it appears in the template; imports also accept `aliases` and the English header. */
  header: string;
  headerEn: string;
  aliases?: string[];
  required?: boolean;
  /** Shown in the template's second row and notes sheet: allowed values, format. */
  hint?: Bilingual;
  /** An example value for the template's sample row. */
  example: string;
  /** Allowed values (Chinese labels) for a dropdown in the template. */
  choices?: string[];
  /** Column width in the workbook, in characters. */
  width?: number;
}

/** One problem of one row: the column it concerns (a key of `columns`, or '' for the row) and why. */
export interface RowProblem {
  column: string;
  reason: Bilingual;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: RowProblem[] };

export type WriteOutcome = { outcome: 'added' | 'updated' | 'unchanged' } | { outcome: 'rejected'; problems: RowProblem[] };

export interface EntitySheet<T = unknown> {
  entity: RegistryEntity;
  /** Sheet name and download file name stem, e.g. { zh: '实有人口', en: 'Residents' }. */
  title: Bilingual;
  columns: SheetColumn[];
  /**
   * Turns one row's cells (keyed by column key, trimmed strings, '' when empty) into a typed
   * input, checking everything that needs no database: formats, enums, checksums, consistency.
   */
  parse(cells: Record<string, string>): Parsed<T>;
  /**
   * Writes one batch inside the engine's transaction, upserting by the entity's natural key.
   * Returns one outcome per input, in order. A rejected row (unknown region code, outside the
   * caller's scope, reference not found, duplicate within the batch) must have written nothing;
   * the others are written. Counter deltas are applied before returning.
   */
  write(tx: DbOrTx, ctx: RequestContext, sdb: ScopedDb, rows: T[]): Promise<WriteOutcome[]>;
  /**
   * Export: rows of display strings keyed by column key (personal data masked), for the caller's
   * scope and the same filters as the entity's list endpoint, in pages of `limit` after `afterId`.
   */
  exportPage(db: DbOrTx, ctx: RequestContext, filters: Record<string, unknown>, afterId: number, limit: number): Promise<{ rows: Record<string, string>[]; lastId: number | null }>;
}
