// Grid zones (网格片) of a community: grids grouped under a chief (片长) and deputies (副片长).
// regions.write users create, edit and dissolve them; everyone else sees the list.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { zonesApi } from '../api/endpoints';
import type { RegionDetail, ZoneView } from '../api/types';
import { errorMessage, useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { ErrorResult } from '../shell/ErrorResult';
import { ZoneFormModal } from './ZoneFormModal';

export function ZonesCard({ community }: { community: RegionDetail }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { can } = useAuth();
  const writable = can('regions.write') && !community.archived;
  const { data, loading, error, reload } = useApi(() => zonesApi.list(community.id), [community.id, community.version]);
  const [editing, setEditing] = useState<ZoneView | 'new' | null>(null);
  const zones = data?.items ?? [];

  const done = () => {
    setEditing(null);
    message.success(t('common.success'));
    reload();
  };

  const archive = (z: ZoneView) => {
    modal.confirm({
      title: t('zone.archiveConfirm', { name: z.name }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await zonesApi.archive(z.id);
          message.success(t('common.success'));
          reload();
        } catch (e) {
          message.error(errorMessage(e));
          throw e;
        }
      },
    });
  };

  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <Card
      size="small"
      data-testid="zones-card"
      title={<Space>{t('zone.title')} <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>({zones.length})</Typography.Text></Space>}
      extra={writable
        ? <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="zone-create">{t('zone.create')}</Button>
        : !can('regions.write') && <Tag>{t('zone.readOnly')}</Tag>}
    >
      {error ? <ErrorResult error={error} onRetry={reload} /> : (
        <Table<ZoneView>
          size="small" rowKey="id" loading={loading} dataSource={zones}
          pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('zone.empty')} /> }}
          onRow={(z) => ({ 'data-testid': 'zone-row', 'data-zone-id': z.id } as HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('common.name'), dataIndex: 'name', width: 160, render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
            { title: t('zone.chief'), dataIndex: 'chief', width: 110, render: (c: ZoneView['chief']) => c?.displayName ?? none },
            {
              title: t('zone.deputies'), dataIndex: 'deputies', width: 180,
              render: (d: ZoneView['deputies']) => (d.length ? d.map((p) => p.displayName).join('、') : none),
            },
            {
              title: t('zone.grids'), dataIndex: 'grids',
              render: (grids: ZoneView['grids']) => (grids.length ? (
                <Space size={[0, 4]} wrap>
                  {grids.map((g) => <Tag key={g.id} color="blue"><Link to={`/regions/${g.id}`}>{g.name}</Link></Tag>)}
                </Space>
              ) : none),
            },
            ...(writable ? [{
              title: t('common.actions'), width: 110,
              render: (_: unknown, z: ZoneView) => (
                <Space size={4}>
                  <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setEditing(z)} data-testid="zone-edit">{t('common.edit')}</Button>
                  <Button type="link" size="small" danger style={{ padding: 0 }} onClick={() => archive(z)} data-testid="zone-archive">{t('zone.archive')}</Button>
                </Space>
              ),
            }] : []),
          ]}
        />
      )}
      {editing && (
        <ZoneFormModal community={community} zone={editing === 'new' ? null : editing} others={zones.filter((z) => editing === 'new' || z.id !== editing.id)} onClose={() => setEditing(null)} onDone={done} />
      )}
    </Card>
  );
}
