// Wire shapes of grid zones (网格片). Dependency-free: the web app imports these types too.
import type { RegionSummary } from '../regions/regions.views.ts';

export interface ZoneView {
  id: number;
  communityId: number;
  name: string;
  chief: { id: number; displayName: string } | null;
  deputies: { id: number; displayName: string }[];
  grids: RegionSummary[];
  version: number;
}

export interface ZoneInput {
  name: string;
  gridIds: number[];
  chiefUserId: number | null;
  deputyUserIds: number[];
}
