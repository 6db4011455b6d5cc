// Presenting pioneer posts, pledges and service records of a registration.
import { PLEDGE_STATUSES, type PledgeStatus } from './registrations.model.ts';
import type { PostRow, PledgeRow, ServiceRow } from './registrations.repository.ts';
import type { PioneerPostView, PledgeView, ServiceRecordView } from './registrations.views.ts';

export const toPostView = (p: PostRow): PioneerPostView => ({ id: p.id, registrationId: p.registrationId, title: p.title, duty: p.duty, createdAt: p.createdAt.toISOString() });

export const toPledgeView = (p: PledgeRow, today: string): PledgeView => ({
  id: p.id,
  registrationId: p.registrationId,
  title: p.title,
  dueOn: p.dueOn,
  status: p.status as PledgeStatus,
  statusLabel: PLEDGE_STATUSES[p.status as PledgeStatus] ?? p.status,
  fulfilledOn: p.fulfilledOn,
  evidence: p.evidence,
  overdue: p.status === 'pending' && p.dueOn < today,
  late: p.status === 'kept' && !!p.fulfilledOn && p.fulfilledOn > p.dueOn,
  version: p.version,
});

export const toServiceView = (s: ServiceRow): ServiceRecordView => ({
  id: s.id,
  registrationId: s.registrationId,
  servedOn: s.servedOn,
  hours: Number(s.hours),
  activity: s.activity,
  createdAt: s.createdAt.toISOString(),
});
