// 导入记录: earlier imports of one entity within the caller's scope, newest first.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/useApi';
import { importApi, type ImportJob, type RegistryEntity } from './api';

const PAGE = 10;
const STATUS_COLOR: Record<string, string> = { running: 'processing', queued: 'processing', done: 'success', rejected: 'error', failed: 'error' };

export function ImportHistory({ entity }: { entity: RegistryEntity }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useApi(() => importApi.list({ entity, limit: PAGE, offset: (page - 1) * PAGE }), [entity, page]);
  const items = list.data?.items ?? [];
  // The server does not count: a full page means there may be another.
  const total = (page - 1) * PAGE + items.length + (items.length === PAGE ? 1 : 0);
  if (list.error) return <Typography.Text type="danger">{list.error.message}</Typography.Text>;
  return (
    <Table<ImportJob>
      size="small" rowKey="id" loading={list.loading} dataSource={items} data-testid="import-history"
      pagination={{ current: page, pageSize: PAGE, total, onChange: setPage, size: 'small', hideOnSinglePage: true }}
      columns={[
        { title: t('registryImport.at'), dataIndex: 'createdAt', width: 132, render: (v: string) => dayjs(v).format('MM-DD HH:mm:ss') },
        { title: t('registryImport.file'), dataIndex: 'fileName', ellipsis: true },
        { title: t('registryImport.mode'), dataIndex: 'mode', width: 120, render: (m: string) => t(m === 'skip-invalid' ? 'registryImport.modeSkip' : 'registryImport.modeAll') },
        { title: t('common.status'), dataIndex: 'status', width: 76, render: (s: string) => <Tag color={STATUS_COLOR[s] ?? 'default'}>{t(`registryImport.status.${s}`, { defaultValue: s })}</Tag> },
        {
          title: t('registryImport.counts'), width: 150,
          render: (_, j) => <span style={{ whiteSpace: 'nowrap', fontSize: 12 }}>{t('registryImport.countsValue', { added: j.added, updated: j.updated, unchanged: j.unchanged, rejected: j.rejected })}</span>,
        },
        {
          title: '', width: 44,
          render: (_, j) => j.rejected > 0 ? <Button type="link" size="small" icon={<DownloadOutlined />} href={importApi.errorsUrl(j.id)} download title={t('registryImport.downloadErrors')} /> : null,
        },
      ]}
    />
  );
}
