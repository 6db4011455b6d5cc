// Wire shapes of visits (走访) and the phone page. Dependency-free apart from type imports: the web
// app imports these types too.
import type { VisitPurpose } from './workforce.model.ts';
import type { MeGrid, PositionView, Ref, WorkerView } from './workers.views.ts';

export interface FindingView {
  id: number;
  visitId: number;
  description: string;
  lng: number | null;
  lat: number | null;
  createdAt: string;
  /** Set once the finding was turned into a case in the case loop. */
  case: { id: number; code: string } | null;
}

export interface VisitView {
  id: number;
  worker: Ref;
  region: Ref & { level: number };
  team: Ref | null;
  purpose: VisitPurpose;
  purposeLabel: string;
  checkInAt: string;
  checkInLng: number | null;
  checkInLat: number | null;
  /** True when the check-in point lies outside the region's boundary; null without a boundary or a point. */
  checkInOutside: boolean | null;
  checkOutAt: string | null;
  checkOutLng: number | null;
  checkOutLat: number | null;
  checkOutOutside: boolean | null;
  durationMinutes: number | null;
  notes: string;
  /** Distinct residents seen: those listed plus the members of the households listed. */
  peopleCount: number;
  findings: FindingView[];
  version: number;
}

export interface VisitPerson {
  id: number;
  name: string;
  householdId: number | null;
}

export interface VisitHousehold {
  id: number;
  number: string;
  head: Ref | null;
}

export interface VisitDetail extends VisitView {
  residents: VisitPerson[];
  households: VisitHousehold[];
}

export interface CheckInInput {
  regionId: number;
  lng?: number;
  lat?: number;
  purpose?: VisitPurpose;
  teamId?: number;
}

export interface CheckOutInput {
  lng?: number;
  lat?: number;
  notes?: string;
}

export interface FindingInput {
  description: string;
  lng?: number;
  lat?: number;
  /** Turn it into a case at once: reported by the caller, source patrol, at the finding's point or else the check-in point. */
  toCase?: { categoryId?: number; title?: string; urgency?: 'normal' | 'urgent' };
}

export interface MeView {
  worker: WorkerView | null;
  positions: PositionView[];
  openVisit: VisitView | null;
  grids: MeGrid[];
}
