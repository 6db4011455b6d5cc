// What an account looks like to clients: the mobile number only masked.
import type { RegionSummary } from '../regions/index.ts';
import { permissionsOf } from './permissions.ts';
import type { UserRow } from './accounts.repository.ts';
import type { UserView } from './accounts.views.ts';

export type { UserView };

export function toUserView(
  u: UserRow,
  scopeRegion: RegionSummary | null,
  department: { id: number; name: string } | null,
  mustChangePassword: boolean,
): UserView {
  const locked = u.lockedUntil && u.lockedUntil.getTime() > Date.now() ? u.lockedUntil.toISOString() : null;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    mobileMasked: u.mobileMasked,
    roles: u.roles,
    permissions: [...permissionsOf(u.roles)].sort(),
    scopeRegion,
    department,
    mustChangePassword,
    status: u.status === 'disabled' ? 'disabled' : 'active',
    lockedUntil: locked,
  };
}
