// 事件统计指标 (/cases/measures): the case measures of a region (optionally one department) over a
// period, grouped by child region, department or person; a table of counts, rates and stage
// times, a bar chart of one chosen measure, and the same table as an Excel download. Rates come
// from the server already divided; the table shows each one's numerator and denominator on hover.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Empty, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType, ColumnType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import * as echarts from 'echarts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RATE_DEFS,
  STAGE_SPANS,
  type CountKey,
  type MeasureGrouping,
  type MeasureRow,
  type MeasuresView,
  type RateKey,
} from '../../../../src/modules/cases/cases.measures';
import { api, buildUrl } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { RegionPicker } from '../../regions/RegionPicker';
import { ErrorResult } from '../../shell/ErrorResult';
import { DepartmentSelect } from '../common/selects';

type Preset = 'thisMonth' | 'lastMonth' | 'thisQuarter' | 'thisYear' | 'custom';
const PRESETS: Preset[] = ['thisMonth', 'lastMonth', 'thisQuarter', 'thisYear', 'custom'];
const DAY = 'YYYY-MM-DD';

function presetRange(p: Exclude<Preset, 'custom'>, now = dayjs()): [Dayjs, Dayjs] {
  if (p === 'lastMonth') {
    const m = now.subtract(1, 'month');
    return [m.startOf('month'), m.endOf('month')];
  }
  if (p === 'thisQuarter') return [now.month(now.month() - (now.month() % 3)).startOf('month'), now];
  if (p === 'thisYear') return [now.startOf('year'), now];
  return [now.startOf('month'), now];
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const denominatorOf = (r: MeasureRow, d: (typeof RATE_DEFS)[number]) =>
  d.denominator === 'whistleDecided' ? r.counts.whistleOnTime + r.counts.whistleLate + r.counts.whistleMissed : r.counts[d.denominator];

/** Table columns by group: counts and rates side by side, stage hours last. */
const GROUPS: { key: string; items: (CountKey | RateKey)[] }[] = [
  { key: 'volume', items: ['reported', 'registered', 'publicFirst', 'missedReportRate'] },
  { key: 'response', items: ['dispatched', 'respondedOnTime', 'responseRate', 'returnRate', 'extensionRate'] },
  { key: 'closing', items: ['due', 'closed', 'closeRate', 'onTimeCloseRate', 'overdueRate'] },
  { key: 'quality', items: ['handled', 'reworkRate', 'feedback', 'satisfactionRate'] },
  { key: 'whistle', items: ['whistleCalls', 'checkInRate'] },
];
const isRate = (k: string): k is RateKey => RATE_DEFS.some((d) => d.key === k);
const CHART_METRICS: (CountKey | RateKey)[] = [...RATE_DEFS.map((d) => d.key), 'reported', 'registered', 'dispatched', 'due', 'closed', 'overdue', 'feedback'];

/** ECharts in a div: created once, resized with its box, given a new option when it changes. */
function BarChart({ option, testId }: { option: echarts.EChartsCoreOption; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const el = ref.current!;
    const c = echarts.init(el);
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={ref} style={{ height: 320, width: '100%' }} data-testid={testId} />;
}

export default function MeasuresPage() {
  const { t } = useTranslation();
  const { user, can } = useAuth();
  // A department's own staff see only their department (the server enforces it; the UI just hides the choice).
  const bound = !!user?.department && !can('cases.dispatch') && !can('cases.supervise');
  const [region, setRegion] = useState<{ id: number; name: string } | null>(null);
  const [departmentId, setDepartmentId] = useState<number | null>(null);
  const [preset, setPreset] = useState<Preset>('thisMonth');
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => presetRange('thisMonth'));
  const [groupBy, setGroupBy] = useState<MeasureGrouping>('child');
  const [metric, setMetric] = useState<CountKey | RateKey>('closeRate');

  const query = { regionId: region?.id, departmentId: departmentId ?? undefined, from: range[0].format(DAY), to: range[1].format(DAY), groupBy };
  const data = useApi(() => api.get<MeasuresView>('/cases/measures', query), [JSON.stringify(query)]);
  const v = data.data;

  const label = (k: CountKey | RateKey) => (isRate(k) ? t(`caseMeasures.rate.${k}`) : t(`caseMeasures.count.${k}`));
  const rowName = (r: MeasureRow) => {
    if (r.kind === 'total') return t('caseMeasures.total');
    if (r.kind === 'noDepartment') return <Space size={4}>{r.name}<Tag>{t('caseMeasures.kind.noDepartment')}</Tag></Space>;
    if (r.kind === 'self') return <Space size={4}>{r.name}<Tag>{t('caseMeasures.kind.self')}</Tag></Space>;
    if (r.kind === 'region' && r.id !== null) {
      const id = r.id;
      return <Typography.Link onClick={() => setRegion({ id, name: r.name })} data-testid={`measures-drill-${id}`}>{r.name}</Typography.Link>;
    }
    return r.name;
  };

  const columns = useMemo((): ColumnsType<MeasureRow> => {
    const cell = (k: CountKey | RateKey): ColumnType<MeasureRow> => {
      if (!isRate(k)) return { key: k, title: label(k), width: 84, align: 'right', render: (_, r) => r.counts[k] };
      const d = RATE_DEFS.find((x) => x.key === k)!;
      return {
        key: k, width: 96, align: 'right',
        title: <Tooltip title={t(`caseMeasures.formula.${k}`)}><span style={{ borderBottom: '1px dashed #999' }}>{label(k)}</span></Tooltip>,
        render: (_, r) => (r.rates[k] === null ? '—' : <Tooltip title={t('caseMeasures.ratio', { num: r.counts[d.numerator], den: denominatorOf(r, d) })}><span data-testid={`rate-${k}`}>{pct(r.rates[k])}</span></Tooltip>),
      };
    };
    return [
      { key: 'name', title: t('common.name'), fixed: 'left', width: 200, render: (_, r) => rowName(r) },
      ...GROUPS.map((g) => ({ key: g.key, title: t(`caseMeasures.group.${g.key}`), children: g.items.map(cell) })),
      {
        key: 'hours', title: t('caseMeasures.group.hours'),
        children: STAGE_SPANS.map((s): ColumnType<MeasureRow> => ({
          key: s.key, title: t(`caseMeasures.stage.${s.key}`), width: 96, align: 'right',
          render: (_, r) => (r.avgHours[s.key] === null ? '—' : <Tooltip title={t('caseMeasures.stageHint', { n: r.stageCounts[s.key] })}>{r.avgHours[s.key]!.toFixed(1)}</Tooltip>),
        })),
      },
    ];
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t]);

  const option = useMemo((): echarts.EChartsCoreOption => {
    const rows = v?.rows ?? [];
    const rate = isRate(metric);
    const values = rows.map((r) => (rate ? (r.rates[metric as RateKey] === null ? null : Math.round(r.rates[metric as RateKey]! * 1000) / 10) : r.counts[metric as CountKey]));
    return {
      tooltip: { trigger: 'axis', valueFormatter: (x: unknown) => (x === null || x === undefined ? '—' : rate ? `${x}%` : String(x)) },
      grid: { left: 48, right: 16, top: 28, bottom: rows.length > 6 ? 96 : 40 },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 6 ? 35 : 0 } },
      yAxis: { type: 'value', ...(rate ? { max: 100, axisLabel: { formatter: '{value}%' } } : { minInterval: 1 }) },
      series: [{ type: 'bar', name: label(metric), data: values, barMaxWidth: 40, label: { show: rows.length <= 15, position: 'top', formatter: rate ? '{c}%' : '{c}' } }],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [v, metric, t]);

  if (data.error && (data.error.status === 401 || data.error.status === 403 && data.error.code === 'PERMISSION_DENIED')) return <ErrorResult error={data.error} onRetry={data.reload} />;
  const subject = v ? [v.subject.region.name, v.subject.department?.name, v.subject.user?.name].filter(Boolean).join(' / ') : '';
  return (
    <Card
      title={t('caseMeasures.title')}
      extra={<Button icon={<DownloadOutlined />} href={buildUrl('/cases/measures/export', query)} download data-testid="measures-export">{t('caseMeasures.export')}</Button>}
    >
      <Alert type="info" showIcon title={t('caseMeasures.hint')} style={{ marginBottom: 12 }} />
      <Space wrap size={[16, 8]} style={{ marginBottom: 12 }} data-testid="measures-filters">
        <Space size={4}>
          <span>{t('caseMeasures.region')}</span>
          <RegionPicker
            value={region?.id ?? null} initial={region} placeholder={t('caseMeasures.myScope')} style={{ width: 220 }} testId="measures-region"
            onChange={(id, r) => setRegion(id === null ? null : { id, name: r?.name ?? region?.name ?? String(id) })}
          />
        </Space>
        {!bound && (
          <Space size={4}>
            <span>{t('caseMeasures.department')}</span>
            <DepartmentSelect value={departmentId} onChange={((id: number | undefined) => setDepartmentId(id ?? null)) as never} allowClear placeholder={t('caseMeasures.allDepartments')} style={{ width: 200 }} testId="measures-department" />
          </Space>
        )}
        <Space size={4}>
          <span>{t('caseMeasures.period')}</span>
          <Segmented<Preset>
            value={preset} data-testid="measures-preset"
            options={PRESETS.map((p) => ({ value: p, label: t(`caseMeasures.preset.${p}`) }))}
            onChange={(p) => {
              setPreset(p);
              if (p !== 'custom') setRange(presetRange(p));
            }}
          />
          <DatePicker.RangePicker
            value={range} allowClear={false} data-testid="measures-range"
            onChange={(r) => {
              if (r?.[0] && r[1]) {
                setRange([r[0], r[1]]);
                setPreset('custom');
              }
            }}
          />
        </Space>
        <Space size={4}>
          <span>{t('caseMeasures.groupBy.label')}</span>
          <Segmented<MeasureGrouping>
            value={groupBy} onChange={setGroupBy} data-testid="measures-group"
            options={(['child', 'department', 'person'] as const).map((g) => ({ value: g, label: t(`caseMeasures.groupBy.${g}`) }))}
          />
        </Space>
      </Space>
      {data.error && <Alert type="error" showIcon title={data.error.message} style={{ marginBottom: 12 }} data-testid="measures-error" />}
      {v && (
        <Typography.Paragraph type="secondary" data-testid="measures-subject">
          {t('caseMeasures.subject', { subject, from: v.period.from, to: v.period.to })}
          {v.groupBy === 'child' && v.rows.some((r) => r.kind === 'region') && ` · ${t('caseMeasures.drill')}`}
        </Typography.Paragraph>
      )}
      {v && v.rows.length > 0 && (
        <>
          <Space style={{ marginBottom: 4 }}>
            <span>{t('caseMeasures.chartMetric')}</span>
            <Select value={metric} onChange={setMetric} style={{ width: 180 }} data-testid="measures-metric" options={CHART_METRICS.map((k) => ({ value: k, label: label(k) }))} />
          </Space>
          <BarChart option={option} testId="measures-chart" />
        </>
      )}
      <Table<MeasureRow>
        size="small" bordered loading={data.loading} pagination={false} scroll={{ x: 'max-content' }} data-testid="measures-table"
        rowKey={(r) => `${r.kind}-${r.id ?? 'none'}`}
        dataSource={v ? [...v.rows, v.total] : []}
        onRow={(r) => (r.kind === 'total' ? { style: { fontWeight: 600, background: '#fafafa' }, 'data-testid': 'measures-total' } as never : {})}
        columns={columns}
        locale={{ emptyText: <Empty description={t('caseMeasures.empty')} /> }}
      />
    </Card>
  );
}
