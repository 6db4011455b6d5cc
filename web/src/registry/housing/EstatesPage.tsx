// 小区: list with region / 三无 / 老旧新建 filters, create and edit.
import { Button, Card, Input, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { EstateView } from '../../api/types';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { RegionPicker } from '../../regions/RegionPicker';
import { ErrorResult } from '../../shell/ErrorResult';
import { housingApi } from './api';
import { FilterBar, Labeled, ListActions, pagination, useListQuery } from './common';
import { EstateFormModal } from './EstateFormModal';

type Filters = { regionId?: number; q?: string; unmanaged?: boolean; age?: string };

export default function EstatesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const l = useListQuery<Filters>({});
  const [editing, setEditing] = useState<EstateView | 'new' | null>(null);
  const list = useApi(() => housingApi.estates({ ...l.filters, ...l.paging }), [l.filters, l.page, l.pageSize]);
  if (list.error && list.error.status !== 400) return <ErrorResult error={list.error} onRetry={list.reload} />;

  return (
    <Card size="small" title={t('housing.estates')} extra={<ListActions entity="estate" filters={l.filters} canWrite={can('registry.write')} onCreate={() => setEditing('new')} createLabel={t('housing.estateCreate')} onImported={list.reload} />}>
      <FilterBar>
        <Labeled label={t('housing.region')}><RegionPicker value={l.filters.regionId} onChange={(v) => l.set({ regionId: v ?? undefined })} style={{ width: 220 }} testId="estate-filter-region" /></Labeled>
        <Labeled label={t('housing.managed')}>
          <Select allowClear style={{ width: 130 }} placeholder={t('common.all')} value={l.filters.unmanaged === undefined ? undefined : String(l.filters.unmanaged)}
            onChange={(v?: string) => l.set({ unmanaged: v === undefined ? undefined : v === 'true' })} data-testid="estate-filter-unmanaged"
            options={[{ value: 'true', label: t('housing.unmanaged') }, { value: 'false', label: t('housing.managedYes') }]} />
        </Labeled>
        <Labeled label={t('housing.age')}>
          <Select allowClear style={{ width: 110 }} placeholder={t('common.all')} value={l.filters.age} onChange={(v?: string) => l.set({ age: v })}
            options={['old', 'new'].map((a) => ({ value: a, label: t(`housing.ageValue.${a}`) }))} data-testid="estate-filter-age" />
        </Labeled>
        <Input.Search allowClear placeholder={t('housing.estateQuery')} style={{ width: 220 }} onSearch={(v) => l.set({ q: v.trim() || undefined })} data-testid="estate-query" />
      </FilterBar>
      <Table<EstateView>
        size="small" rowKey="id" bordered loading={list.loading} dataSource={list.data?.items ?? []} data-testid="estates-table"
        pagination={pagination(t, l, list.data?.total)}
        columns={[
          { title: t('housing.estateName'), dataIndex: 'name', render: (v: string, e) => <Link to={`/estates/${e.id}`}>{v}</Link> },
          { title: t('housing.address'), dataIndex: 'address', ellipsis: true },
          { title: t('housing.propertyCompany'), width: 200, render: (_, e) => e.propertyCompany?.name ?? <Typography.Text type="secondary">{t('housing.noProperty')}</Typography.Text> },
          { title: t('housing.security'), width: 70, align: 'center', render: (_, e) => (e.hasSecurity ? t('common.yes') : t('common.no')) },
          { title: t('housing.enclosure'), width: 70, align: 'center', render: (_, e) => (e.hasEnclosure ? t('common.yes') : t('common.no')) },
          { title: t('housing.managed'), width: 100, render: (_, e) => (e.unmanaged ? <Tag color="error">{t('housing.unmanaged')}</Tag> : <Tag color="success">{t('housing.managedYes')}</Tag>) },
          { title: t('housing.age'), width: 90, render: (_, e) => <Tag color={e.age === 'old' ? 'orange' : 'blue'}>{t(`housing.ageValue.${e.age}`)}</Tag> },
          { title: t('housing.builtYear'), dataIndex: 'builtYear', width: 80, render: (v: number | null) => v ?? t('common.none') },
          {
            title: t('common.actions'), width: 110, render: (_, e) => (
              <>
                <Link to={`/estates/${e.id}`}><Button type="link" size="small">{t('common.open')}</Button></Link>
                {can('registry.write') && <Button type="link" size="small" onClick={() => setEditing(e)}>{t('common.edit')}</Button>}
              </>
            ),
          },
        ]}
      />
      {editing && <EstateFormModal estate={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onDone={() => { setEditing(null); list.reload(); }} />}
    </Card>
  );
}
