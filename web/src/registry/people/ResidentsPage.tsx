// 实有人口: filters (region, type, care groups, seasonal), one search box for name / initials /
// last 4 of the ID / mobile / address, a dense table with masked personal data, export, import, add.
import { DownloadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { ResidentListItem } from '../../api/types';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { RegionPicker } from '../../regions/RegionPicker';
import { ErrorResult } from '../../shell/ErrorResult';
import { RegistryImportButton } from '../import/ImportDialog';
import { residentsApi, type ResidentFilters } from './api';
import { useCareGroups } from './careGroups';
import { ResidentFormModal } from './ResidentFormModal';
import { CareTags, mono, ResidenceTypeTag } from './ResidentTags';

const PAGE = 20;
const TYPES = ['registered', 'migrant', 'foreign'];

/** Filters live in the URL so a list can be bookmarked and the back button restores it. */
function readFilters(sp: URLSearchParams): ResidentFilters {
  const num = sp.get('regionId');
  const seasonal = sp.get('seasonal');
  return {
    regionId: num ? Number(num) : undefined,
    residenceType: sp.get('residenceType') ?? undefined,
    tags: sp.get('tags')?.split(',').filter(Boolean) ?? [],
    seasonal: seasonal === 'true' ? true : seasonal === 'false' ? false : undefined,
    q: sp.get('q') ?? undefined,
  };
}

export default function ResidentsPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { groups } = useCareGroups();
  const [sp, setSp] = useSearchParams();
  const filters = readFilters(sp);
  const page = Number(sp.get('page') ?? 1) || 1;
  const [q, setQ] = useState(filters.q ?? '');
  const [creating, setCreating] = useState(false);
  const key = sp.toString();
  const list = useApi(() => residentsApi.list(filters, PAGE, (page - 1) * PAGE), [key]);

  const update = (patch: Partial<ResidentFilters> & { page?: number }) => {
    const next = { ...filters, ...patch };
    const out = new URLSearchParams();
    if (next.regionId) out.set('regionId', String(next.regionId));
    if (next.residenceType) out.set('residenceType', next.residenceType);
    if (next.tags?.length) out.set('tags', next.tags.join(','));
    if (next.seasonal !== undefined) out.set('seasonal', String(next.seasonal));
    if (next.q?.trim()) out.set('q', next.q.trim());
    if (patch.page && patch.page > 1) out.set('page', String(patch.page));
    setSp(out, { replace: false });
  };

  const total = list.data?.total ?? 0;
  const capped = list.data?.totalCapped ?? false;
  const writable = can('registry.write');

  if (list.error && list.error.status !== 400) return <ErrorResult error={list.error} onRetry={list.reload} />;
  return (
    <Card
      size="small"
      title={<span data-testid="residents-title">{t('people.list.title')}</span>}
      extra={(
        <Space size={8}>
          {writable && <RegistryImportButton entity="resident" onDone={() => list.reload()} />}
          <Button icon={<DownloadOutlined />} href={residentsApi.exportUrl(filters)} download data-testid="residents-export">{t('people.list.export')}</Button>
          {writable && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="resident-create">{t('people.list.create')}</Button>}
        </Space>
      )}
    >
      <Form layout="inline" size="middle" style={{ rowGap: 8, marginBottom: 12 }} data-testid="residents-filters">
        <Form.Item label={t('people.field.region')} style={{ marginInlineEnd: 12 }}>
          <RegionPicker
            value={filters.regionId ?? null} onChange={(id) => update({ regionId: id ?? undefined })}
            placeholder={t('people.list.allRegions')} style={{ width: 200 }} testId="residents-filter-region"
          />
        </Form.Item>
        <Form.Item label={t('people.field.residenceType')} style={{ marginInlineEnd: 12 }}>
          <Select
            allowClear value={filters.residenceType} placeholder={t('common.all')} style={{ width: 120 }} data-testid="residents-filter-type"
            onChange={(v: string | undefined) => update({ residenceType: v })}
            options={TYPES.map((v) => ({ value: v, label: t(`people.residenceType.${v}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('people.field.tags')} style={{ marginInlineEnd: 12 }}>
          <Select
            mode="multiple" allowClear maxTagCount="responsive" value={filters.tags} placeholder={t('common.all')} style={{ width: 220 }}
            data-testid="residents-filter-tags" onChange={(v: string[]) => update({ tags: v })}
            options={groups.map((g) => ({ value: g.code, label: i18n.language === 'en' ? g.nameEn : g.nameZh, disabled: !g.active && !filters.tags?.includes(g.code) }))}
          />
        </Form.Item>
        <Form.Item label={t('people.field.seasonal')} style={{ marginInlineEnd: 12 }}>
          <Select
            allowClear value={filters.seasonal === undefined ? undefined : String(filters.seasonal)} placeholder={t('common.all')} style={{ width: 90 }}
            data-testid="residents-filter-seasonal" onChange={(v: string | undefined) => update({ seasonal: v === undefined ? undefined : v === 'true' })}
            options={[{ value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]}
          />
        </Form.Item>
        <Form.Item style={{ marginInlineEnd: 8 }}>
          <Tooltip title={t('people.list.searchHint')} placement="bottom">
            <Input
              allowClear value={q} onChange={(e) => { setQ(e.target.value); if (!e.target.value && filters.q) update({ q: undefined }); }}
              onPressEnter={() => update({ q })} prefix={<SearchOutlined style={{ color: '#999' }} />}
              placeholder={t('people.list.searchPlaceholder')} style={{ width: 300 }} data-testid="residents-search"
            />
          </Tooltip>
        </Form.Item>
        <Form.Item style={{ marginInlineEnd: 0 }}>
          <Space size={8}>
            <Button type="primary" onClick={() => update({ q })} data-testid="residents-search-submit">{t('common.search')}</Button>
            <Button onClick={() => { setQ(''); setSp(new URLSearchParams()); }}>{t('common.reset')}</Button>
          </Space>
        </Form.Item>
      </Form>
      <Table<ResidentListItem>
        size="small" bordered rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []} data-testid="residents-table"
        scroll={{ x: 1280 }}
        onRow={(r) => ({ 'data-testid': 'resident-row', 'data-id': r.id } as React.HTMLAttributes<HTMLElement>)}
        pagination={{
          current: page, pageSize: PAGE, total, showSizeChanger: false, size: 'small',
          onChange: (p) => update({ page: p }),
          showTotal: () => <span data-testid="residents-total">{capped ? t('people.list.totalCapped') : t('common.total', { total })}</span>,
        }}
        columns={[
          {
            title: t('people.field.name'), dataIndex: 'name', width: 96, fixed: 'left',
            render: (v: string, r) => <Link to={`/residents/${r.id}`} data-testid="resident-link">{v}</Link>,
          },
          { title: t('people.field.gender'), dataIndex: 'gender', width: 52, align: 'center', render: (g: string) => t(`people.gender.${g}`) },
          { title: t('people.field.age'), dataIndex: 'age', width: 56, align: 'right' },
          { title: t('people.field.idNumber'), dataIndex: 'idNumberMasked', width: 178, render: (v: string) => <span style={mono}>{v}</span> },
          { title: t('people.field.mobile'), dataIndex: 'mobileMasked', width: 118, render: (v: string | null) => (v ? <span style={mono}>{v}</span> : t('common.none')) },
          { title: t('people.field.residenceType'), dataIndex: 'residenceType', width: 92, align: 'center', render: (v: string) => <ResidenceTypeTag type={v} /> },
          {
            title: t('people.field.tags'), dataIndex: 'tags', width: 200,
            render: (v: string[], r) => (
              <Space size={4} wrap>
                <CareTags codes={v} />
                {r.seasonal && <Tag color="cyan" style={{ marginInlineEnd: 0 }}>{t('people.field.seasonalShort')}</Tag>}
                {r.archived && <Tag style={{ marginInlineEnd: 0 }}>{t('people.archived')}</Tag>}
              </Space>
            ),
          },
          { title: t('people.field.grid'), width: 120, ellipsis: true, render: (_, r) => r.region?.name ?? t('common.none') },
          { title: t('people.field.address'), dataIndex: 'address', ellipsis: true, render: (v: string) => v || <Typography.Text type="secondary">{t('people.noDwelling')}</Typography.Text> },
          {
            title: t('common.actions'), width: 70, fixed: 'right', align: 'center',
            render: (_, r) => <Button type="link" size="small" onClick={() => navigate(`/residents/${r.id}`)}>{t('people.list.view')}</Button>,
          },
        ]}
      />
      {creating && (
        <ResidentFormModal
          resident={null} onClose={() => setCreating(false)}
          onDone={(r) => { setCreating(false); message.success(t('people.form.created', { name: r.name })); navigate(`/residents/${r.id}`); }}
        />
      )}
    </Card>
  );
}
