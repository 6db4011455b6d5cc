// Pieces every registry list of housing and places shares: paging state, the toolbar with
// 导入/导出, occupancy colours and labels.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space, Tag } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Query } from '../../api/client';
import type { Occupancy } from '../../api/types';
import type { RegistryEntity } from '../import/api';
import { exportUrl } from './api';
import { ImportSlot } from './ImportSlot';

export const PAGE_SIZE = 20;

/** Filters + page of a server-paged list; changing a filter goes back to page 1. */
export function useListQuery<F extends Query>(initial: F) {
  const [filters, setFilters] = useState<F>(initial);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const set = (patch: Partial<F>) => { setFilters((f) => ({ ...f, ...patch })); setPage(1); };
  const reset = () => { setFilters(initial); setPage(1); };
  const paging = { limit: pageSize, offset: (page - 1) * pageSize };
  return { filters, set, reset, page, setPage, pageSize, setPageSize, paging };
}

export function pagination(t: (k: string, o?: Record<string, unknown>) => string, l: { page: number; pageSize: number; setPage: (n: number) => void; setPageSize: (n: number) => void }, total: number | undefined) {
  return {
    current: l.page, pageSize: l.pageSize, total: total ?? 0, size: 'small' as const, showSizeChanger: true,
    pageSizeOptions: [20, 50, 100],
    onChange: (p: number, s: number) => { l.setPage(s !== l.pageSize ? 1 : p); l.setPageSize(s); },
    showTotal: (n: number) => t('common.total', { total: n }),
  };
}

/** 导出 with the list's current filters (paging left out: the whole filtered list). */
export function ExportButton({ entity, filters }: { entity: string; filters: Query }) {
  const { t } = useTranslation();
  return (
    <a href={exportUrl(entity, filters)} download data-testid={`${entity}-export`}>
      <Button icon={<DownloadOutlined />}>{t('housing.export')}</Button>
    </a>
  );
}

/** Right side of a list card: 新建 (when allowed), 导入, 导出. */
export function ListActions({ entity, filters, onCreate, createLabel, canWrite, onImported, extra }: {
  entity: RegistryEntity; filters: Query; onCreate?: () => void; createLabel?: string; canWrite: boolean; onImported?: () => void; extra?: ReactNode;
}) {
  return (
    <Space wrap size={8}>
      {extra}
      {canWrite && onCreate && <Button type="primary" onClick={onCreate} data-testid={`${entity}-create`}>{createLabel}</Button>}
      {canWrite && <ImportSlot entity={entity} onDone={onImported} />}
      <ExportButton entity={entity} filters={filters} />
    </Space>
  );
}

/** Cell and legend colours of the 楼盘表, one per occupancy. */
export const OCCUPANCY_COLORS: Record<Occupancy, { bg: string; border: string; text: string }> = {
  owner: { bg: '#dbe9f7', border: '#5b8fc9', text: '#1d4f86' },
  rental: { bg: '#fde3c4', border: '#e58a1f', text: '#8a4a00' },
  vacant: { bg: '#f0f0f0', border: '#bfbfbf', text: '#595959' },
  commercial: { bg: '#e9dcf5', border: '#8e5cc2', text: '#542a80' },
};
export const OCCUPANCY_KEYS: Occupancy[] = ['owner', 'rental', 'vacant', 'commercial'];

export function OccupancyTag({ value }: { value: Occupancy }) {
  const { t } = useTranslation();
  const c = OCCUPANCY_COLORS[value];
  return <Tag style={{ background: c.bg, borderColor: c.border, color: c.text }}>{t(`housing.occupancy.${value}`)}</Tag>;
}

/** Small filter bar: label + control pairs in one wrapping row. */
export function FilterBar({ children }: { children: ReactNode }) {
  return <Space wrap size={[12, 8]} style={{ marginBottom: 12 }} data-testid="filter-bar">{children}</Space>;
}

export function Labeled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      <span style={{ color: '#595959', whiteSpace: 'nowrap' }}>{label}</span>
      {children}
    </span>
  );
}
