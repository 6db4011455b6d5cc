// The filter bar of case lists; filters live in the URL so a list can be bookmarked and shared.
import { SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, HANDLING_MODES } from '../../../../src/modules/cases/cases.workflow';
import { RegionPicker } from '../../regions/RegionPicker';
import type { CaseFilters } from '../api';
import { CategorySelect, DepartmentSelect } from './selects';

export type FilterKey = 'status' | 'mode' | 'timerState' | 'categoryId' | 'regionId' | 'departmentId' | 'dates' | 'q';

export function readFilters(sp: URLSearchParams): CaseFilters {
  const num = (k: string) => (sp.get(k) ? Number(sp.get(k)) : undefined);
  return {
    status: sp.get('status') ?? undefined, mode: sp.get('mode') ?? undefined, timerState: sp.get('timerState') ?? undefined,
    categoryId: num('categoryId'), regionId: num('regionId'), departmentId: num('departmentId'),
    q: sp.get('q') ?? undefined, from: sp.get('from') ?? undefined, to: sp.get('to') ?? undefined,
  };
}

export function writeFilters(f: CaseFilters): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== null && v !== '' && k !== 'view') out.set(k, String(v));
  return out;
}

interface Props {
  value: CaseFilters;
  onChange: (f: CaseFilters) => void;
  show?: FilterKey[];
  statuses?: readonly string[];
}

export function CaseFilterBar({ value, onChange, show = ['status', 'mode', 'timerState', 'categoryId', 'regionId', 'departmentId', 'dates', 'q'], statuses = CASE_STATUSES }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState(value.q ?? '');
  const set = (patch: Partial<CaseFilters>) => onChange({ ...value, ...patch });
  const has = (k: FilterKey) => show.includes(k);
  const item = { style: { marginInlineEnd: 12, marginBottom: 8 } };
  return (
    <Form layout="inline" data-testid="case-filters" style={{ marginBottom: 4 }}>
      {has('status') && (
        <Form.Item label={t('cases.field.status')} {...item}>
          <Select allowClear value={value.status} placeholder={t('common.all')} style={{ width: 120 }} data-testid="filter-status"
            onChange={(v: string | undefined) => set({ status: v })} options={statuses.map((s) => ({ value: s, label: t(`cases.status.${s}`) }))} />
        </Form.Item>
      )}
      {has('mode') && (
        <Form.Item label={t('cases.field.mode')} {...item}>
          <Select allowClear value={value.mode} placeholder={t('common.all')} style={{ width: 104 }} data-testid="filter-mode"
            onChange={(v: string | undefined) => set({ mode: v })} options={HANDLING_MODES.map((m) => ({ value: m, label: t(`cases.mode.${m}`) }))} />
        </Form.Item>
      )}
      {has('timerState') && (
        <Form.Item label={t('cases.field.timerState')} {...item}>
          <Select allowClear value={value.timerState} placeholder={t('common.all')} style={{ width: 112 }} data-testid="filter-timer"
            onChange={(v: string | undefined) => set({ timerState: v })} options={(['green', 'yellow', 'red'] as const).map((s) => ({ value: s, label: t(`cases.timer.${s}`) }))} />
        </Form.Item>
      )}
      {has('categoryId') && (
        <Form.Item label={t('cases.field.category')} {...item}>
          <CategorySelect allowClear allowParents value={value.categoryId} onChange={(v) => set({ categoryId: v })} placeholder={t('common.all')} style={{ width: 180 }} testId="filter-category" />
        </Form.Item>
      )}
      {has('regionId') && (
        <Form.Item label={t('cases.field.region')} {...item}>
          <RegionPicker value={value.regionId ?? null} onChange={(id) => set({ regionId: id ?? undefined })} placeholder={t('cases.common.allInScope')} style={{ width: 180 }} testId="filter-region" />
        </Form.Item>
      )}
      {has('departmentId') && (
        <Form.Item label={t('cases.field.department')} {...item}>
          <DepartmentSelect allowClear value={value.departmentId} onChange={((v: number | undefined) => set({ departmentId: v })) as never} placeholder={t('common.all')} style={{ width: 180 }} testId="filter-department" />
        </Form.Item>
      )}
      {has('dates') && (
        <Form.Item label={t('cases.field.timeRange')} {...item}>
          <DatePicker.RangePicker
            style={{ width: 240 }} value={value.from && value.to ? [dayjs(value.from), dayjs(value.to)] : null}
            onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          />
        </Form.Item>
      )}
      {has('q') && (
        <Form.Item {...item}>
          <Space size={8}>
            <Input allowClear value={q} prefix={<SearchOutlined style={{ color: '#999' }} />} placeholder={t('cases.common.searchPlaceholder')} style={{ width: 220 }}
              data-testid="filter-q" onChange={(e) => { setQ(e.target.value); if (!e.target.value && value.q) set({ q: undefined }); }} onPressEnter={() => set({ q })} />
            <Button type="primary" onClick={() => set({ q })}>{t('common.search')}</Button>
            <Button onClick={() => { setQ(''); onChange({}); }}>{t('common.reset')}</Button>
          </Space>
        </Form.Item>
      )}
    </Form>
  );
}
