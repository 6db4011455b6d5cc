// The full ID number and mobile of one resident: needs `pii.read`, and the audit row saying who
// saw whose data commits in the same transaction as the read (no audit, no data).
import type { Db } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { decryptPii } from '../../shared/pii.ts';
import { auditReveal } from './registry.common.ts';
import { loadResident, sdbOf } from './residents.service.ts';
import type { ResidentPii } from './residents.views.ts';

export async function revealResident(db: Db, ctx: RequestContext, id: number): Promise<ResidentPii> {
  // Checked before loading, so someone without the permission learns nothing, not even existence.
  assertPermission(ctx, 'pii.read');
  return db.transaction(async (tx) => {
    const r = await loadResident(sdbOf(tx, ctx), id);
    const fields = r.mobileEnc ? ['idNumber', 'mobile'] : ['idNumber'];
    await auditReveal(tx, ctx, { entityType: 'resident', entityId: r.id, regionPath: r.regionPath, fields, subject: `${r.name}（${r.idNumberMasked}）` });
    return { id: r.id, idNumber: decryptPii(r.idNumberEnc), mobile: r.mobileEnc ? decryptPii(r.mobileEnc) : null };
  });
}
