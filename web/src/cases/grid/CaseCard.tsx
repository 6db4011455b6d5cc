// One open case of the grid as a card to tap: a coloured edge for its clock (red overdue, yellow
// nearly due, green on time), code, status, title, where, and the time left in its stage.
import { EnvironmentOutlined, RightOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TimerState } from '../../../../src/modules/cases/cases.views';
import type { CaseListItem } from '../api';
import { DeadlineTag } from '../common/DeadlineTag';
import { categoryLabel } from '../common/format';
import { StatusTag } from '../common/StatusTag';

export const EDGE: Record<TimerState, string> = { none: '#d9d9d9', green: '#52c41a', yellow: '#faad14', red: '#f5222d' };

/** Worst clock first, then the nearest deadline; cases without a clock last. */
export function byUrgency(a: CaseListItem, b: CaseListItem): number {
  const rank: Record<TimerState, number> = { red: 0, yellow: 1, green: 2, none: 3 };
  const r = rank[a.timerState] - rank[b.timerState];
  if (r) return r;
  const da = a.stageDeadlineAt ? Date.parse(a.stageDeadlineAt) : Infinity;
  const db = b.stageDeadlineAt ? Date.parse(b.stageDeadlineAt) : Infinity;
  return da - db || Date.parse(b.reportedAt) - Date.parse(a.reportedAt);
}

export default function CaseCard({ item, onOpen }: { item: CaseListItem; onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  const where = item.address || item.region.pathNames.slice(-2).join(' / ') || item.region.name;
  return (
    <button
      type="button" onClick={onOpen} data-testid="grid-case" data-code={item.code} data-status={item.status} data-timer={item.timerState}
      style={{
        display: 'block', width: '100%', textAlign: 'start', background: '#fff', border: 'none', borderRadius: 10, padding: '12px 14px 12px 16px',
        marginBottom: 10, borderInlineStart: `5px solid ${EDGE[item.timerState]}`, boxShadow: '0 1px 2px rgba(0,0,0,.05)', cursor: 'pointer', font: 'inherit', color: 'inherit',
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        <span style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 12, color: '#8c8c8c', flex: 1 }}>{item.code}</span>
        <StatusTag status={item.status} />
      </div>
      <div style={{ fontSize: 16, fontWeight: 600, margin: '6px 0 4px', lineHeight: 1.4 }}>{item.title}</div>
      <div style={{ color: '#8c8c8c', fontSize: 13, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
        {item.category && <span>{categoryLabel(i18n.language, item.category, true)} · </span>}
        <EnvironmentOutlined /> {where}
      </div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 6, marginTop: 8, flexWrap: 'wrap' }}>
        {item.stageDeadlineAt && item.timerState !== 'none' && <DeadlineTag timerState={item.timerState} deadlineAt={item.stageDeadlineAt} stage={item.stage} withStage />}
        {item.status === 'handled' && <Tag color="cyan" style={{ marginInlineEnd: 0 }}>{t('grid.todo.toVerify')}</Tag>}
        {item.reworkCount > 0 && <Tag color="red" style={{ marginInlineEnd: 0 }}>{t('cases.common.rework', { n: item.reworkCount })}</Tag>}
        <span style={{ flex: 1 }} />
        <RightOutlined style={{ color: '#bfbfbf' }} />
      </div>
    </button>
  );
}
