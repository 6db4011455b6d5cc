// Permission checks used by services. Scope is enforced in the data layer; these are about roles.
import type { RequestContext } from './context.ts';
import { AppError } from './errors.ts';

export function assertPermission(ctx: RequestContext, permission: string): void {
  if (!ctx.actor.permissions.has(permission)) throw new AppError('PERMISSION_DENIED', { permission });
}
