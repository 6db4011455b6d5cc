// One dwelling, opened from a 楼盘表 cell or a list: facts, occupancy (editable), the lease, the
// people living there.
import { App, Button, Descriptions, Drawer, Empty, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Occupant, Occupancy } from '../../api/types';
import { errorMessage, useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { HOUSEHOLD_ROLES } from '../../../../src/modules/registry/residents.model';
import { housingApi } from './api';
import { OCCUPANCY_KEYS, OccupancyTag } from './common';
import { RentalFormModal } from './RentalFormModal';

export function DwellingDrawer({ id, onClose, onChanged, tagName }: { id: number | null; onClose: () => void; onChanged?: () => void; tagName: (code: string) => string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const d = useApi(() => (id ? housingApi.dwelling(id) : Promise.resolve(undefined)), [id]);
  const [renting, setRenting] = useState(false);
  const dw = d.data && d.data.id === id ? d.data : undefined;

  const setOccupancy = async (occupancy: Occupancy) => {
    if (!dw) return;
    try {
      await housingApi.updateDwelling(dw.id, dw.version, { occupancy });
      message.success(t('common.success'));
      d.reload();
      onChanged?.();
    } catch (e) { message.error(errorMessage(e)); }
  };

  const r = dw?.rental;
  return (
    <Drawer open={id !== null} onClose={onClose} size={560} title={dw ? dw.address : t('common.loading')} destroyOnHidden data-testid="dwelling-drawer">
      {!dw ? <Skeleton active /> : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={2} data-testid="dwelling-facts" items={[
            { key: 'b', label: t('housing.building'), children: <Link to={`/buildings/${dw.buildingId}`}>{dw.estateName ? `${dw.estateName} ` : ''}{dw.buildingNumber}</Link>, span: 2 },
            { key: 'u', label: t('housing.unit'), children: t('housing.unitN', { n: dw.unitNumber }) },
            { key: 'f', label: t('housing.floor'), children: dw.floor },
            { key: 'n', label: t('housing.room'), children: dw.number },
            { key: 'a', label: t('housing.area'), children: dw.area != null ? `${dw.area} ㎡` : t('common.none') },
            { key: 'use', label: t('housing.use'), children: t(`housing.dwellingUse.${dw.use}`) },
            {
              key: 'o', label: t('housing.occupancyLabel'), children: can('registry.write')
                ? <Select size="small" value={dw.occupancy} onChange={(v: Occupancy) => void setOccupancy(v)} style={{ width: 100 }} data-testid="dwelling-occupancy"
                  options={OCCUPANCY_KEYS.map((o) => ({ value: o, label: t(`housing.occupancy.${o}`) }))} />
                : <OccupancyTag value={dw.occupancy} />,
            },
          ]} />
          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>{t('housing.rentalInfo')}</Typography.Title>
            {r ? (
              <Descriptions size="small" bordered column={2} data-testid="dwelling-rental" items={[
                { key: 'l', label: t('housing.landlord'), children: r.landlordName },
                { key: 'm', label: t('housing.landlordMobile'), children: r.landlordMobileMasked ?? t('common.none') },
                { key: 's', label: t('housing.leaseStart'), children: r.leaseStart ?? t('common.none') },
                { key: 'e', label: t('housing.leaseEnd'), children: r.leaseEnd ?? t('common.none') },
                { key: 'p', label: t('housing.purpose'), children: t(`housing.rentalPurpose.${r.purpose}`) },
                { key: 'rent', label: t('housing.monthlyRent'), children: r.monthlyRent != null ? `${r.monthlyRent} 元` : t('common.none') },
                { key: 'code', label: t('housing.posting'), span: 2, children: <a href={`/posting/${r.postingCode}`} target="_blank" rel="noreferrer" data-testid="dwelling-posting-link">{t('housing.printSign')}</a> },
              ]} />
            ) : (
              <Space>
                <Typography.Text type="secondary">{t('housing.noRental')}</Typography.Text>
                {can('registry.write') && <Button size="small" onClick={() => setRenting(true)} data-testid="dwelling-rent">{t('housing.rentalCreate')}</Button>}
              </Space>
            )}
          </div>
          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>{t('housing.occupants')}（{dw.residents.length}）</Typography.Title>
            {dw.residents.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('housing.noOccupants')} /> : (
              <Table<Occupant> size="small" rowKey="id" pagination={false} dataSource={dw.residents} data-testid="dwelling-residents" columns={[
                { title: t('housing.personName'), dataIndex: 'name', render: (v: string, p) => <Link to={`/residents/${p.id}`} data-testid={`occupant-${p.id}`}>{v}</Link> },
                { title: t('housing.idNumber'), dataIndex: 'idNumberMasked', render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
                { title: t('housing.householdRole'), dataIndex: 'householdRole', render: (v: string) => (HOUSEHOLD_ROLES as Record<string, string>)[v] ?? v },
                { title: t('housing.careGroups'), dataIndex: 'tags', render: (tags: string[]) => tags.map((c) => <Tag key={c} color="volcano">{tagName(c)}</Tag>) },
              ]} />
            )}
          </div>
        </Space>
      )}
      {renting && dw && <RentalFormModal dwelling={{ id: dw.id, address: dw.address }} onClose={() => setRenting(false)} onDone={() => { setRenting(false); d.reload(); onChanged?.(); }} />}
    </Drawer>
  );
}
