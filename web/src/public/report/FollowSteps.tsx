// The resident's view of the loop as seven steps (上报 受理 派遣 处置 核查 办结 评价), with the
// time each was reached. A case fixed on the spot (立即办) jumps from 上报 to 办结; the steps it
// skipped show no time. 不予受理 and 督办 end the line in red.
import { Steps } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { PublicCaseView } from './api';
import type { CaseStatus } from '../../../../src/modules/cases/cases.workflow';

const PATH = ['report', 'register', 'dispatch', 'handle', 'verify', 'close', 'feedback'] as const;
type PathStep = (typeof PATH)[number];

/** The step a status reaches when a case lands in it. */
const REACHES: Partial<Record<CaseStatus, PathStep>> = {
  reported: 'report', registered: 'register', dispatched: 'dispatch', handled: 'handle', verified: 'verify', closed: 'close',
};

/** The step being worked on now, and how it stands. */
export function progressOf(v: Pick<PublicCaseView, 'status' | 'satisfaction'>): { current: number; status: 'process' | 'finish' | 'error' } {
  switch (v.status) {
    case 'reported': return { current: 1, status: 'process' };
    case 'rejected': return { current: 1, status: 'error' };
    case 'registered': return { current: 2, status: 'process' };
    case 'dispatched': case 'handling': case 'shelved': return { current: 3, status: 'process' };
    case 'handled': return { current: 4, status: 'process' };
    case 'verified': return { current: 5, status: 'process' };
    case 'closed': return v.satisfaction ? { current: 6, status: 'finish' } : { current: 6, status: 'process' };
    case 'supervision': return { current: 6, status: 'error' };
    // A merged case is shown through its original, whose status the view carries.
    case 'merged': return { current: 1, status: 'finish' };
  }
}

const fmt = (iso: string) => dayjs(iso).format('MM-DD HH:mm');

export default function FollowSteps({ view }: { view: PublicCaseView }) {
  const { t } = useTranslation();
  const { current, status } = progressOf(view);
  // The latest time each step was reached: a reworked case reaches 处置 more than once.
  const at = new Map<PathStep, string>([['report', view.reportedAt]]);
  for (const s of view.steps) {
    const step = s.action === 'feedback' ? 'feedback' : REACHES[s.toStatus];
    if (step && step !== 'report') at.set(step, s.at);
  }
  // A refused report ends after its first step: 上报, then 不予受理 with its time.
  if (view.status === 'rejected') {
    const refused = [...view.steps].reverse().find((s) => s.toStatus === 'rejected');
    return (
      <Steps
        orientation="vertical" size="small" current={1} status="error" data-testid="follow-steps" data-current={1} data-status="error"
        items={[
          { key: 'report', title: t('report.steps.report'), content: fmt(view.reportedAt) },
          { key: 'rejected', title: t('report.publicStatus.rejected'), content: refused ? fmt(refused.at) : undefined },
        ]}
      />
    );
  }
  const items = PATH.map((step, i) => {
    let title = t(`report.steps.${step}`);
    let content: string | undefined = at.has(step) && i <= current ? fmt(at.get(step)!) : undefined;
    if (i === current && status !== 'finish') {
      if (view.status === 'supervision') title = t('report.publicStatus.supervision');
      content = view.status === 'closed' ? t('report.awaitFeedback') : t(`report.publicStatus.${view.status}`);
    }
    return { key: step, title, content };
  });
  return (
    <Steps
      orientation="vertical" size="small" current={current} status={status} items={items}
      data-testid="follow-steps" data-current={current} data-status={status}
    />
  );
}
