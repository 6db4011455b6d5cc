// Wire shape of a user account. Dependency-free: the web app imports it too.
import type { RegionSummary } from '../regions/regions.views.ts';

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  mobileMasked: string | null;
  roles: string[];
  permissions: string[];
  scopeRegion: RegionSummary | null;
  department: { id: number; name: string } | null;
  mustChangePassword: boolean;
  status: 'active' | 'disabled';
  lockedUntil: string | null;
}
