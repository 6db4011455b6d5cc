// 户 (household members with their relation to the head) and 住址 (grid path → estate → building → room).
import { HomeOutlined } from '@ant-design/icons';
import { Breadcrumb, Card, Descriptions, Empty, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { HouseholdMember, ResidentDetail } from '../../api/types';
import { mono } from './ResidentTags';

export function ResidentHouseholdCard({ r }: { r: ResidentDetail }) {
  const { t } = useTranslation();
  const h = r.household;
  return (
    <Card
      size="small" data-testid="resident-household"
      title={<span>{t('people.card.household')}{h && <span style={{ fontWeight: 'normal', color: '#888', marginInlineStart: 8 }}>{t('people.household.number', { number: h.number })} · {t('people.household.count', { count: h.memberCount })}</span>}</span>}
    >
      {h ? (
        <Table<HouseholdMember>
          size="small" rowKey="id" pagination={false} dataSource={h.members}
          rowClassName={(m) => (m.id === r.id ? 'ant-table-row-selected' : '')}
          columns={[
            { title: t('people.field.householdRole'), dataIndex: 'householdRole', width: 90, render: (v: string) => <Tag color={v === 'head' ? 'red' : 'default'}>{t(`people.householdRole.${v}`, { defaultValue: v })}</Tag> },
            { title: t('people.field.name'), dataIndex: 'name', render: (v: string, m) => (m.id === r.id ? <b>{v}</b> : <Link to={`/residents/${m.id}`} data-testid="household-member-link">{v}</Link>) },
            { title: t('people.field.gender'), dataIndex: 'gender', width: 56, render: (g: string) => t(`people.gender.${g}`) },
            { title: t('people.field.age'), dataIndex: 'age', width: 56, align: 'right' },
            { title: t('people.field.idNumber'), dataIndex: 'idNumberMasked', width: 180, render: (v: string) => <span style={mono}>{v}</span> },
          ]}
        />
      ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('people.household.none')} />}
    </Card>
  );
}

export function ResidentAddressCard({ r }: { r: ResidentDetail }) {
  const { t } = useTranslation();
  const d = r.dwelling;
  const items = [
    ...r.breadcrumb.map((g) => ({ title: <Link to={`/regions/${g.id}`}>{g.name}</Link> })),
    ...(d?.estate ? [{ title: <span>{d.estate.name}</span> }] : []),
    ...(d ? [{ title: <Link to={`/buildings/${d.building.id}`} data-testid="resident-building-link">{t('people.address.building', { number: d.building.number })}</Link> }] : []),
    ...(d ? [{ title: <b>{t('people.address.room', { unit: d.unitNumber, number: d.number })}</b> }] : []),
  ];
  return (
    <Card size="small" title={t('people.card.address')} data-testid="resident-address">
      <Breadcrumb items={[{ title: <HomeOutlined /> }, ...items]} style={{ marginBottom: 8 }} data-testid="resident-breadcrumb" />
      {d ? (
        <Descriptions size="small" column={2} bordered styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label={t('people.field.address')} span={2}>{r.address}</Descriptions.Item>
          <Descriptions.Item label={t('people.address.floor')}>{t('people.address.floorValue', { floor: d.floor })}</Descriptions.Item>
          <Descriptions.Item label={t('people.address.occupancy')}>{t(`people.occupancy.${d.occupancy}`, { defaultValue: d.occupancy })}</Descriptions.Item>
          <Descriptions.Item label={t('people.address.buildingAddress')} span={2}>{d.building.address || t('common.none')}</Descriptions.Item>
        </Descriptions>
      ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('people.noDwelling')} />}
    </Card>
  );
}
