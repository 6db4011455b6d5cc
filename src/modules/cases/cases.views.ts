// Wire types of the case loop: what the API answers and the web app reads. Personal data leaves
// only masked (reporter mobile); timestamps are ISO strings.
import type { ActorKind, CaseAction, CaseSource, CaseStatus, DeskLevel, HandlingMode, Satisfaction, Stage } from './cases.workflow.ts';

export type TimeUnit = 'workingDays' | 'workingHours' | 'naturalHours';
export type TimerState = 'none' | 'green' | 'yellow' | 'red';

/** The body of `POST /cases` (staff intake); the web form and the test helpers build it. */
export interface CaseReportBody {
  source: CaseSource;
  title: string;
  description?: string;
  categoryId?: number;
  urgency?: 'normal' | 'urgent';
  lng?: number;
  lat?: number;
  address?: string;
  buildingId?: number;
  dwellingId?: number;
  placeId?: number;
  assetId?: number;
  residentIds?: number[];
  reporterName?: string;
  reporterMobile?: string;
  anonymous?: boolean;
}

export interface CategoryView {
  id: number;
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
  defaultDepartmentCode: string | null;
  defaultDepartmentName: string | null;
  defaultMode: HandlingMode | null;
  dispatch: { amount: number; unit: TimeUnit };
  respond: { amount: number; unit: TimeUnit };
  handle: { amount: number; unit: TimeUnit };
  verify: { amount: number; unit: TimeUnit };
  urgentHandleHours: number;
  similarRadiusM: number;
  similarDays: number;
  custom: boolean;
  archived: boolean;
  /** Subcategories (top-level rows only). */
  children?: CategoryView[];
}

export interface NamedRef {
  id: number;
  name: string;
}

export interface CaseListItem {
  id: number;
  code: string;
  title: string;
  source: CaseSource;
  status: CaseStatus;
  mode: HandlingMode | null;
  urgency: 'normal' | 'urgent';
  category: { id: number; code: string; nameZh: string; nameEn: string; parentNameZh: string; parentNameEn: string } | null;
  /** Region the case lies in, with its path names (e.g. 云城街道 / 东园社区 / 第3网格). */
  region: { id: number; name: string; pathNames: string[] };
  address: string;
  lng: number | null;
  lat: number | null;
  level: DeskLevel;
  desk: NamedRef;
  department: NamedRef | null;
  stage: Stage | null;
  stageDeadlineAt: string | null;
  dueAt: string | null;
  timerState: TimerState;
  returnCount: number;
  reworkCount: number;
  reportedAt: string;
  closedAt: string | null;
  satisfaction: Satisfaction | null;
  version: number;
}

export interface CaseEventView {
  id: number;
  action: CaseAction | 'report' | 'warning' | 'overdue';
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  actorName: string;
  actorKind: ActorKind;
  department: NamedRef | null;
  note: string | null;
  data: Record<string, unknown> | null;
  stageDeadlineAt: string | null;
  /** Was this step taken after the deadline of the stage it ended? null when no stage ran. */
  late: boolean | null;
  createdAt: string;
}

export interface CasePhotoView {
  id: number;
  kind: 'scene' | 'before' | 'after';
  mime: string;
  bytes: number;
  /** Relative API URL of the image. */
  url: string;
  createdAt: string;
}

export interface CaseUnitView {
  department: NamedRef;
  role: 'lead' | 'assist';
  part: string | null;
  postedAt: string | null;
}

export interface WhistleView {
  id: number;
  level: 'community' | 'street';
  calledByName: string;
  reason: string;
  deadlineAt: string;
  createdAt: string;
  calls: { department: NamedRef; outcome: 'pending' | 'onTime' | 'late' | 'missed'; checkedInAt: string | null; note: string | null }[];
}

export interface CaseDetail extends CaseListItem {
  description: string;
  reporter: { name: string | null; mobileMasked: string | null; anonymous: boolean };
  links: { building: NamedRef | null; dwelling: NamedRef | null; place: NamedRef | null; asset: NamedRef | null; residents: NamedRef[] };
  duplicateOf: { id: number; code: string } | null;
  result: string | null;
  feedbackNote: string | null;
  extensionRequest: { amount: number; unit: TimeUnit; reason: string; requestedByName: string; requestedAt: string } | null;
  shelvedReviewOn: string | null;
  respondDueAt: string | null;
  counts: { rework: number; return: number; extension: number; reopen: number; escalation: number; supervision: number };
  timeline: CaseEventView[];
  photos: CasePhotoView[];
  units: CaseUnitView[];
  whistles: WhistleView[];
  /** Actions the caller may take now (buttons), after actor kind and relation checks. */
  availableActions: CaseAction[];
}

/** What a resident sees when following a case by code and mobile: no staff names, no other reporter data. */
export interface PublicCaseView {
  code: string;
  title: string;
  status: CaseStatus;
  categoryNameZh: string | null;
  categoryNameEn: string | null;
  reportedAt: string;
  closedAt: string | null;
  result: string | null;
  satisfaction: Satisfaction | null;
  /** Merged duplicates follow their original: its code, status and result are shown. */
  mergedInto: string | null;
  /** Why the desk did not accept the report (不予立案), when it did not. */
  rejectionReason: string | null;
  steps: { action: string; toStatus: CaseStatus; at: string }[];
  photos: CasePhotoView[];
  canGiveFeedback: boolean;
}
