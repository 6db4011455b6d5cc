// One rental: the lease, the dwelling, the tenants (staff see names; the public sign does not).
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Descriptions, Drawer, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Occupant } from '../../api/types';
import { useApi } from '../../api/useApi';
import { housingApi } from './api';
import { OccupancyTag } from './common';

export const openPosting = (code: string) => window.open(`/posting/${encodeURIComponent(code)}`, '_blank', 'noopener');

export function RentalDrawer({ id, onClose, tagName }: { id: number | null; onClose: () => void; tagName: (c: string) => string }) {
  const { t } = useTranslation();
  const d = useApi(() => (id ? housingApi.rental(id) : Promise.resolve(undefined)), [id]);
  const r = d.data && d.data.id === id ? d.data : undefined;
  return (
    <Drawer open={id !== null} onClose={onClose} size={560} title={r?.address ?? t('common.loading')} destroyOnHidden data-testid="rental-drawer"
      extra={r && <Button icon={<PrinterOutlined />} onClick={() => openPosting(r.postingCode)} data-testid="rental-drawer-print">{t('housing.printSign')}</Button>}>
      {!r ? <Skeleton active /> : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={2} items={[
            { key: 'st', label: t('common.status'), children: r.active ? <Tag color="processing">{t('housing.rentalActive')}</Tag> : <Tag>{t('housing.rentalEnded')} {r.endedOn}</Tag> },
            { key: 'o', label: t('housing.occupancyLabel'), children: <OccupancyTag value={r.dwelling.occupancy} /> },
            { key: 'l', label: t('housing.landlord'), children: r.landlordResidentId ? <Link to={`/residents/${r.landlordResidentId}`}>{r.landlordName}</Link> : r.landlordName },
            { key: 'm', label: t('housing.landlordMobile'), children: r.landlordMobileMasked ?? t('common.none') },
            { key: 's', label: t('housing.leaseStart'), children: r.leaseStart ?? t('common.none') },
            { key: 'e', label: t('housing.leaseEnd'), children: r.leaseEnd ?? t('common.none') },
            { key: 'p', label: t('housing.purpose'), children: t(`housing.rentalPurpose.${r.purpose}`) },
            { key: 'rent', label: t('housing.monthlyRent'), children: r.monthlyRent != null ? `${r.monthlyRent} 元` : t('common.none') },
            { key: 'b', label: t('housing.building'), span: 2, children: <Link to={`/buildings/${r.dwelling.buildingId}`}>{r.dwelling.address}</Link> },
            { key: 'c', label: t('housing.postingCode'), span: 2, children: <Typography.Text code copyable>{r.postingCode}</Typography.Text> },
          ]} />
          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>{t('housing.tenants')}（{r.tenants.length}）</Typography.Title>
            {r.tenants.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('housing.noOccupants')} /> : (
              <Table<Occupant> size="small" rowKey="id" pagination={false} dataSource={r.tenants} columns={[
                { title: t('housing.personName'), dataIndex: 'name', render: (v: string, p) => <Link to={`/residents/${p.id}`}>{v}</Link> },
                { title: t('housing.idNumber'), dataIndex: 'idNumberMasked', render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
                { title: t('housing.careGroups'), dataIndex: 'tags', render: (tags: string[]) => tags.map((c) => <Tag key={c} color="volcano">{tagName(c)}</Tag>) },
              ]} />
            )}
          </div>
        </Space>
      )}
    </Drawer>
  );
}
