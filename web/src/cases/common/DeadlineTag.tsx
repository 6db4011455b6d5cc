// The clock of the stage a case is in: green / yellow (past 80 %) / red (overdue), with the time left
// or how long overdue, and the exact deadline on hover. Re-renders every minute so it keeps counting.
import { ClockCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimerState } from '../../../../src/modules/cases/cases.views';
import type { Stage } from '../../../../src/modules/cases/cases.workflow';
import { fmtDuration, fmtTime } from './format';

const COLOR: Record<TimerState, string> = { none: 'default', green: 'green', yellow: 'gold', red: 'red' };

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(id);
  }, []);
  return now;
}

interface Props {
  timerState: TimerState;
  deadlineAt: string | null;
  stage?: Stage | null;
  /** Show the stage name in front of the time. */
  withStage?: boolean;
}

export function DeadlineTag({ timerState, deadlineAt, stage, withStage }: Props) {
  const { t } = useTranslation();
  const now = useNow();
  if (!deadlineAt || timerState === 'none') return <span style={{ color: '#999' }} data-testid="deadline-tag" data-timer="none">{t('cases.deadline.none')}</span>;
  const left = new Date(deadlineAt).getTime() - now;
  // The server's timer marks red; the browser may notice a passed deadline a little earlier.
  const state: TimerState = left < 0 ? 'red' : timerState;
  const time = fmtDuration(t, left);
  const stageName = stage ? t(`cases.stage.${stage}`) : '';
  const text = withStage && stage
    ? t(left < 0 ? 'cases.deadline.stageOverdue' : 'cases.deadline.stageLeft', { stage: stageName, time })
    : t(left < 0 ? 'cases.deadline.overdue' : 'cases.deadline.left', { time });
  return (
    <Tooltip title={`${stageName ? `${stageName} · ` : ''}${t('cases.timeline.deadline', { at: fmtTime(deadlineAt) })} · ${t(`cases.timer.${state}`)}`}>
      <Tag color={COLOR[state]} icon={<ClockCircleOutlined />} style={{ marginInlineEnd: 0 }} data-testid="deadline-tag" data-timer={state}>{text}</Tag>
    </Tooltip>
  );
}
