// A dense table of cases used by the desk, the task list and the full list: code, title, category,
// place, status, mode, stage deadline; returned cases are marked.
import { Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CaseListItem } from '../api';
import { DeadlineTag } from './DeadlineTag';
import { categoryLabel, fmtDuration, fmtTime } from './format';
import { ModeTag, UrgentTag } from './ModeTag';
import { StatusTag } from './StatusTag';

interface Props {
  items: CaseListItem[];
  loading?: boolean;
  pagination?: TableProps<CaseListItem>['pagination'];
  rowSelection?: TableProps<CaseListItem>['rowSelection'];
  /** Columns after the standard ones (actions…). */
  extra?: ColumnsType<CaseListItem>;
  /** Leave out standard columns by key. */
  omit?: string[];
  onRowClick?: (c: CaseListItem) => void;
  activeId?: number | null;
  testId?: string;
  emptyText?: string;
}

export function CaseTable({ items, loading, pagination = false, rowSelection, extra = [], omit = [], onRowClick, activeId, testId = 'case-table', emptyText }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const columns: ColumnsType<CaseListItem> = [
    {
      key: 'code', title: t('cases.field.code'), dataIndex: 'code', width: 170,
      render: (v: string, r) => (
        <div style={{ whiteSpace: 'nowrap', lineHeight: 1.35 }}>
          <Link to={`/cases/${r.id}`} onClick={(e) => e.stopPropagation()} data-testid="case-link" style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 12 }}>{v}</Link>
          <div style={{ fontSize: 12, color: '#8c8c8c' }}>{fmtTime(r.reportedAt)}</div>
        </div>
      ),
    },
    {
      key: 'title', title: t('cases.field.title'), dataIndex: 'title', minWidth: 220, ellipsis: true,
      render: (v: string, r) => {
        const place = [r.region.pathNames.slice(-2).join(' / ') || r.region.name, r.address].filter(Boolean).join(' · ');
        return (
          <div style={{ lineHeight: 1.35, overflow: 'hidden' }}>
            <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
              {r.returnCount > 0 && r.status === 'registered' && (
                <Tag color="volcano" style={{ marginInlineEnd: 4 }} data-testid="case-returned">{t('cases.common.returned')}</Tag>
              )}
              {r.urgency === 'urgent' && <span style={{ marginInlineEnd: 4 }}><UrgentTag urgency={r.urgency} /></span>}
              <span title={r.title}>{v}</span>
            </div>
            <div style={{ fontSize: 12, color: '#8c8c8c', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={[...r.region.pathNames, r.address].filter(Boolean).join(' / ')}>{place}</div>
          </div>
        );
      },
    },
    {
      key: 'category', title: t('cases.field.category'), width: 130, ellipsis: true,
      render: (_, r) => (r.category ? <Tooltip title={categoryLabel(lang, r.category)}>{categoryLabel(lang, r.category, true)}</Tooltip> : <Typography.Text type="secondary">{t('cases.common.noCategory')}</Typography.Text>),
    },
    { key: 'source', title: t('cases.field.source'), dataIndex: 'source', width: 92, render: (v: string) => t(`cases.source.${v}`) },
    { key: 'status', title: t('cases.field.status'), dataIndex: 'status', width: 90, render: (v: CaseListItem['status']) => <StatusTag status={v} /> },
    { key: 'mode', title: t('cases.field.mode'), dataIndex: 'mode', width: 80, render: (v: CaseListItem['mode']) => <ModeTag mode={v} /> },
    { key: 'department', title: t('cases.field.department'), width: 160, ellipsis: true, render: (_, r) => r.department?.name ?? r.desk.name },
    {
      key: 'deadline', title: t('cases.field.deadline'), width: 172,
      render: (_, r) => (r.status === 'reported' && !r.stageDeadlineAt
        // Not yet on a clock: how long it has been waiting at the desk.
        ? <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="case-waiting">{t('cases.deadline.waiting', { time: fmtDuration(t, Date.now() - new Date(r.reportedAt).getTime()) })}</Typography.Text>
        : <DeadlineTag timerState={r.timerState} deadlineAt={r.stageDeadlineAt} stage={r.stage} withStage />),
    },
  ];
  return (
    <Table<CaseListItem>
      size="small" rowKey="id" loading={loading} dataSource={items} pagination={pagination} rowSelection={rowSelection}
      locale={emptyText ? { emptyText } : undefined}
      columns={[...columns.filter((c) => !omit.includes(String(c.key))), ...extra]} scroll={{ x: 1080 }} data-testid={testId}
      onRow={(r) => ({
        'data-testid': 'case-row', 'data-id': r.id, 'data-code': r.code, 'data-status': r.status, 'data-timer': r.timerState,
        onClick: onRowClick ? () => onRowClick(r) : undefined,
        style: { cursor: onRowClick ? 'pointer' : undefined, background: activeId === r.id ? '#fff1f0' : r.returnCount > 0 && r.status === 'registered' ? '#fff7e6' : undefined },
      } as React.HTMLAttributes<HTMLElement>)}
    />
  );
}
