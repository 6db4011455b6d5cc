// Wire shapes of joint committees (大工委/大党委): part-time members from resident institutions and
// joint meetings (联席会议) with attendance, minutes and decided items. Dependency-free: the web
// app imports these types too.

export interface Ref {
  id: number;
  name: string;
}

/** 兼职委员: a person from a resident institution sitting on a joint committee. */
export interface JointMemberView {
  id: number;
  name: string;
  institution: Ref | null;
  post: string;
  fromOn: string | null;
  toOn: string | null;
  /** Serving today (no end date, or an end date not yet passed). */
  current: boolean;
}

export interface JointMembersView {
  org: Ref & { joint: boolean };
  items: JointMemberView[];
}

export interface JointMemberInput {
  /** Keeps an existing row (meeting attendance may point at it); omitted = a new member. */
  id?: number;
  name: string;
  institutionId?: number | null;
  post: string;
  fromOn?: string | null;
  toOn?: string | null;
}

export interface Attendee {
  name: string;
  jointMemberId?: number | null;
  present: boolean;
  note?: string;
}

export interface DecidedItem {
  item: string;
  owner: string;
  dueOn?: string | null;
  done: boolean;
}

export interface AttendanceRate {
  present: number;
  total: number;
  /** present / total with four places; null for a meeting with nobody listed. */
  rate: number | null;
}

export interface JointMeetingView {
  id: number;
  org: Ref;
  region: Ref;
  title: string;
  heldAt: string;
  place: string;
  attendance: Attendee[];
  attendanceRate: AttendanceRate;
  minutes: string;
  decisions: DecidedItem[];
  decisionsDone: number;
  version: number;
}

/** Lists carry everything but the minutes. */
export type JointMeetingListItem = Omit<JointMeetingView, 'minutes'>;

export interface JointMeetingInput {
  orgId: number;
  title: string;
  heldAt: string;
  place?: string;
  attendance: Attendee[];
  minutes?: string;
  decisions?: DecidedItem[];
}
