// Audit entries as a dense table with the diff in an expandable row.
import { Table, Tag } from 'antd';
import type { TablePaginationConfig } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../api/types';
import { actionLabel, entityLabel } from '../i18n/names';
import { AuditDiff } from './AuditDiff';

interface Props {
  items: AuditEntry[];
  loading?: boolean;
  pagination?: TablePaginationConfig | false;
  showEntity?: boolean;
}

export const formatTime = (s: string) => dayjs(s).format('YYYY-MM-DD HH:mm:ss');

export function AuditTable({ items, loading, pagination = false, showEntity = true }: Props) {
  const { t } = useTranslation();
  return (
    <Table<AuditEntry>
      size="small" rowKey="id" loading={loading} dataSource={items} pagination={pagination} data-testid="audit-table"
      expandable={{ expandedRowRender: (e) => <AuditDiff before={e.before} after={e.after} /> }}
      columns={[
        { title: '#', dataIndex: 'id', width: 70 },
        { title: t('audit.at'), dataIndex: 'at', width: 170, render: formatTime },
        { title: t('audit.actor'), dataIndex: 'actorName', width: 120, render: (v: string | null, e) => v ?? e.actorId ?? t('common.none') },
        { title: t('audit.action'), dataIndex: 'action', width: 130, render: (a: string) => <Tag color="blue" title={a}>{actionLabel(t, a)}</Tag> },
        ...(showEntity
          ? [
              { title: t('audit.entityType'), dataIndex: 'entityType', width: 100, render: (v: string) => entityLabel(t, v) },
              { title: t('audit.entityId'), dataIndex: 'entityId', width: 90 },
            ]
          : []),
        { title: t('audit.clientIp'), dataIndex: 'clientIp', width: 130, render: (v: string | null) => v ?? t('common.none') },
        { title: t('audit.requestId'), dataIndex: 'requestId', ellipsis: true, render: (v: string | null) => v ?? t('common.none') },
      ]}
    />
  );
}
