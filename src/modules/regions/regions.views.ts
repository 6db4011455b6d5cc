// Wire shapes of regions as clients see them. Dependency-free on purpose: the web app imports
// these types too, so server and client cannot drift apart.
import type { Boundary } from './regions.model.ts';

export type SizeStatus = 'ok' | 'under' | 'over' | 'unknown';

export interface SizeWarning {
  code: 'MICROGRID_RESIDENTS' | 'GRID_HOUSEHOLDS';
  measure: string;
  actual: number;
  target: number;
  min: number;
  max: number;
  status: 'under' | 'over';
  message: string;
}

export interface RegionSummary {
  id: number;
  code: string;
  name: string;
  level: number;
  kind: string;
  parentId: number | null;
  childCount: number;
  archived: boolean;
  sizeStatus: SizeStatus;
}

export interface RegionDetail extends RegionSummary {
  path: string;
  attributes: Record<string, unknown>;
  boundary: Boundary | null;
  version: number;
  ancestors: RegionSummary[];
  counters: Record<string, number>;
  warnings: SizeWarning[];
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}
