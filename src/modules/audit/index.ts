// Audit: the append-only, hash-chained log of every write. Other modules call `recordAudit` (or
// `recordAuditMany` for bulk work) inside their own transactions.
export { recordAudit, recordAuditMany, verifyChain, listAudit, type AuditEvent, type VerifyResult } from './audit.service.ts';
export type { AuditRow } from './audit.repository.ts';
