// 走访记录 (/workforce/visits): visits filtered by region, period, worker and "outside the
// boundary only"; a table or a map of the check-in points; a visit's detail in a drawer.
import { Alert, Card, DatePicker, Segmented, Space, Switch, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { ErrorResult } from '../shell/ErrorResult';
import { visitsApi, type VisitView } from './api';
import { Field, ScopePicker, type RegionChoice } from './common';
import { WorkerSelect } from './pickers';
import { DurationText, OutsideTag } from './visitBits';
import VisitDrawer, { Legend } from './VisitDrawer';
import VisitMap, { type MapPoint } from './VisitMap';
import { DAY, fmtTime } from './time';

const PAGE = 50;
/** The map shows up to this many of the newest check-ins of the filter. */
const MAP_LIMIT = 500;

export default function VisitsPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [params] = useSearchParams();
  const initialRegion = params.get('regionId') ? { id: Number(params.get('regionId')), name: params.get('regionName') ?? params.get('regionId')! } : null;
  const [region, setRegion] = useState<RegionChoice | null>(initialRegion);
  const [worker, setWorker] = useState<number | undefined>(params.get('workerId') ? Number(params.get('workerId')) : undefined);
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(29, 'day'), dayjs()]);
  const [outside, setOutside] = useState(false);
  const [view, setView] = useState<'table' | 'map'>('table');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);

  const filters = { regionId: region?.id, workerId: worker, from: range[0].format(DAY), to: range[1].format(DAY), outside: outside || undefined };
  const key = JSON.stringify(filters);
  const list = useApi(() => visitsApi.list(filters, PAGE, (page - 1) * PAGE), [key, page]);
  const mapList = useApi(() => (view === 'map' ? visitsApi.list(filters, MAP_LIMIT, 0) : Promise.resolve(undefined)), [key, view]);
  const points = useMemo<MapPoint[]>(() => (mapList.data?.items ?? [])
    .filter((v) => v.checkInLng != null && v.checkInLat != null)
    .map((v) => ({ id: v.id, lng: v.checkInLng!, lat: v.checkInLat!, outside: v.checkInOutside, label: `${v.worker.name} · ${v.region.name} · ${fmtTime(v.checkInAt)}` })), [mapList.data]);

  const columns: ColumnsType<VisitView> = [
    { key: 'in', title: t('workforce.visits.checkIn'), width: 150, render: (_, v) => fmtTime(v.checkInAt) },
    { key: 'worker', title: t('workforce.visits.worker'), width: 100, render: (_, v) => v.worker.name },
    { key: 'region', title: t('workforce.visits.region'), width: 150, render: (_, v) => v.region.name },
    { key: 'purpose', title: t('workforce.visits.purpose'), width: 100, render: (_, v) => t(`workforce.purpose.${v.purpose}`, { defaultValue: v.purpose }) },
    { key: 'duration', title: t('workforce.visits.duration'), width: 120, render: (_, v) => (v.checkOutAt ? <DurationText minutes={v.durationMinutes} /> : <Tag color="processing">{t('workforce.visits.open')}</Tag>) },
    { key: 'people', title: t('workforce.visits.peopleShort'), width: 80, align: 'right', render: (_, v) => v.peopleCount },
    { key: 'findings', title: t('workforce.visits.findingsShort'), width: 96, align: 'right', render: (_, v) => v.findings.length || '' },
    { key: 'place', title: t('workforce.visits.place'), width: 110, render: (_, v) => <OutsideTag value={v.checkInOutside} testId="visit-outside" /> },
    { key: 'notes', title: t('workforce.visits.notes'), ellipsis: true, render: (_, v) => v.notes },
  ];

  if (list.error?.status === 403 && list.error.code === 'PERMISSION_DENIED') return <ErrorResult error={list.error} onRetry={list.reload} />;
  const mapRegion = region?.id ?? user?.scopeRegion?.id;
  return (
    <Card
      title={t('workforce.visits.title')} data-testid="visits-page"
      extra={<Segmented<'table' | 'map'> value={view} onChange={setView} data-testid="visits-view" options={[{ value: 'table', label: t('workforce.visits.asTable') }, { value: 'map', label: <span data-testid="visits-view-map">{t('workforce.visits.asMap')}</span> }]} />}
    >
      <Space wrap size={[16, 8]} style={{ marginBottom: 12 }}>
        <Field label={t('workforce.common.region')}><ScopePicker value={region} onChange={(r) => { setRegion(r); setPage(1); }} testId="visits-region" /></Field>
        <Field label={t('workforce.common.period')}>
          <DatePicker.RangePicker value={range} allowClear={false} onChange={(r) => { if (r?.[0] && r[1]) { setRange([r[0], r[1]]); setPage(1); } }} data-testid="visits-range" />
        </Field>
        <Field label={t('workforce.visits.worker')}>
          <WorkerSelect value={worker} onChange={(v) => { setWorker(v); setPage(1); }} regionId={region?.id} style={{ width: 180 }}
            initial={params.get('workerId') ? { value: Number(params.get('workerId')), label: params.get('workerName') ?? params.get('workerId')! } : null} placeholder={t('workforce.common.all')} testId="visits-worker" />
        </Field>
        <Space size={6}><Switch checked={outside} onChange={(v) => { setOutside(v); setPage(1); }} data-testid="visits-outside" />{t('workforce.visits.onlyOutside')}</Space>
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      {view === 'table' ? (
        <Table<VisitView>
          rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.loading} scroll={{ x: 1100 }}
          onRow={(v) => ({ onClick: () => setOpen(v.id), style: { cursor: 'pointer' }, 'data-testid': 'visit-row', 'data-id': v.id, 'data-outside': String(v.checkInOutside) } as React.HTMLAttributes<HTMLElement>)}
          pagination={{ current: page, pageSize: PAGE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => t('common.total', { total: n }) }}
        />
      ) : (
        <>
          <div style={{ color: '#8c8c8c', marginBottom: 8 }}>
            {t('workforce.visits.mapHint', { shown: points.length, total: mapList.data?.total ?? 0 })}
          </div>
          <VisitMap regionId={mapRegion} depth={region ? 1 : 2} points={points} height={560} onPick={setOpen} testId="visits-map" legend={<Legend />} />
        </>
      )}
      <VisitDrawer visitId={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
