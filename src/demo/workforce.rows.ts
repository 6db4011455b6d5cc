// The rows the workforce generator produces (workforce.tables.ts). Ids are the generator's own,
// 1-based per table; the loader shifts them. Regions are codes, users usernames, departments
// codes (the loader resolves them); dates 'YYYY-MM-DD', times epoch ms.
import type { PositionKind, VisitPurpose } from '../modules/workforce/workforce.model.ts';

export interface DemoWorker {
  id: number;
  /** The demo account this worker logs in as (wgz01, wgy01, lz01). */
  username: string | null;
  residentId: number | null;
  name: string;
  gender: 'male' | 'female' | null;
  /** Plain mobile; null with a resident: the loader copies the resident's. */
  mobile: string | null;
  /** The community the worker is managed from. */
  regionCode: string;
  sendingUnitKind: 'town' | 'department' | null;
  sendingUnit: string;
  departmentCode: string | null;
}

export interface DemoPosition {
  workerId: number;
  kind: PositionKind;
  regionCode: string;
  buildingId: number | null;
  teamId: number | null;
  isLeader: boolean;
  startOn: string;
  endOn: string | null;
}

export interface DemoTeam {
  id: number;
  name: string;
  regionCode: string;
  sendingUnit: string;
  departmentCode: string | null;
  fixedWeekday: number;
  startOn: string;
}

export interface DemoVisit {
  id: number;
  workerId: number;
  teamId: number | null;
  regionCode: string;
  purpose: VisitPurpose;
  checkInAt: number;
  checkIn: { lng: number; lat: number; outside: boolean } | null;
  checkOutAt: number;
  checkOut: { lng: number; lat: number; outside: boolean } | null;
  notes: string;
  /** Residents seen (one link each, as the visit page writes them; households are not listed separately). */
  people: { residentId: number }[];
  findings: { description: string; lng: number | null; lat: number | null; caseId: number | null }[];
}

export interface CommunityWorkforce {
  communityCode: string;
  workers: DemoWorker[];
  positions: DemoPosition[];
  teams: DemoTeam[];
  visits: DemoVisit[];
}
