// Small pieces the workforce pages share: bilingual server messages, position tags, the week and
// quarter steppers, and the region filter that starts at the user's own scope.
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, DatePicker, Space, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { RegionPicker } from '../regions/RegionPicker';
import type { Bilingual, GridTeamRow, PositionKind, PositionView } from './api';
import { isoWeekOf, quarterOf, shiftQuarter, shiftWeek, thisWeek, weekMonday, weekRange } from './time';

/** The message of a server {zh, en} pair in the UI language. */
export function useBi(): (b: Bilingual | null | undefined) => string {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (b) => (b ? (en ? b.en || b.zh : b.zh || b.en) : '');
}

export const KIND_COLORS: Partial<Record<PositionKind, string>> = {
  gridChief: 'red',
  gridWorkerFullTime: 'volcano',
  gridWorkerPartTime: 'orange',
  patrolMember: 'blue',
  informant: 'cyan',
  buildingHead: 'green',
  unitHead: 'lime',
  supervisor: 'purple',
  zoneChief: 'geekblue',
  deputyZoneChief: 'geekblue',
  pairedDeputy: 'magenta',
  stationedMember: 'gold',
};

/** A position as a tag: kind @ place (building or team when it has one); ended ones greyed. */
export function PositionTag({ p, showPlace = true }: { p: PositionView; showPlace?: boolean }) {
  const { t } = useTranslation();
  const place = p.building?.name ? `${p.region.name} · ${p.building.name}` : p.team?.name ? `${p.team.name}` : p.region.name;
  const ended = !!p.endOn;
  return (
    <Tooltip title={`${t(`workforce.kind.${p.kind}`)} · ${place} · ${p.startOn}${p.endOn ? ` ~ ${p.endOn}` : ''}`}>
      <Tag color={ended ? undefined : KIND_COLORS[p.kind]} style={ended ? { textDecoration: 'line-through', opacity: 0.6 } : undefined} data-testid="position-tag" data-kind={p.kind}>
        {t(`workforce.kind.${p.kind}`)}{p.isLeader ? ` · ${t('workforce.workers.leader')}` : ''}{showPlace ? ` @ ${place}` : ''}
      </Tag>
    </Tooltip>
  );
}

/** ‹ 2026-W47 (11-16 ~ 11-22) › with a date picker: any day picks its ISO week. */
export function WeekPicker({ value, onChange, testId = 'week-picker' }: { value: string; onChange: (w: string) => void; testId?: string }) {
  const { t } = useTranslation();
  const [from, to] = weekRange(value);
  return (
    <Space size={4} data-testid={testId} data-week={value}>
      <Button icon={<LeftOutlined />} onClick={() => onChange(shiftWeek(value, -1))} data-testid={`${testId}-prev`} aria-label={t('workforce.common.prevWeek')} />
      <DatePicker
        value={weekMonday(value)} allowClear={false} style={{ width: 250 }}
        format={() => t('workforce.common.weekLabel', { week: value, from: from.slice(5), to: to.slice(5) })}
        onChange={(d) => d && onChange(isoWeekOf(d))}
      />
      <Button icon={<RightOutlined />} onClick={() => onChange(shiftWeek(value, 1))} disabled={value >= thisWeek()} data-testid={`${testId}-next`} aria-label={t('workforce.common.nextWeek')} />
      {value !== thisWeek() && <Button type="link" onClick={() => onChange(thisWeek())}>{t('workforce.common.thisWeek')}</Button>}
    </Space>
  );
}

export function QuarterPicker({ value, onChange, testId = 'quarter-picker' }: { value: string; onChange: (q: string) => void; testId?: string }) {
  const { t } = useTranslation();
  const now = quarterOf(dayjs());
  return (
    <Space size={4} data-testid={testId} data-quarter={value}>
      <Button icon={<LeftOutlined />} onClick={() => onChange(shiftQuarter(value, -1))} aria-label={t('workforce.common.prevQuarter')} />
      <span style={{ display: 'inline-block', minWidth: 120, textAlign: 'center', fontWeight: 500 }}>
        {t('workforce.common.quarterLabel', { year: value.slice(0, 4), q: value.slice(5) })}
      </span>
      <Button icon={<RightOutlined />} onClick={() => onChange(shiftQuarter(value, 1))} disabled={value >= now} aria-label={t('workforce.common.nextQuarter')} />
    </Space>
  );
}

export interface RegionChoice { id: number; name: string }

/** The region a page looks at: null means the user's whole scope. */
export function ScopePicker({ value, onChange, testId, style, level }: { value: RegionChoice | null; onChange: (r: RegionChoice | null) => void; testId?: string; style?: CSSProperties; level?: number }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  return (
    <RegionPicker
      value={value?.id ?? null} initial={value} level={level}
      placeholder={user?.scopeRegion ? t('workforce.common.myScope', { name: user.scopeRegion.name }) : t('workforce.common.allRegions')}
      style={{ width: 240, ...style }} testId={testId}
      onChange={(id, r) => onChange(id === null ? null : { id, name: r?.name ?? value?.name ?? String(id) })}
    />
  );
}

/** Label + control on one line inside a filter bar. */
export function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Space size={4}>
      <span style={{ color: '#595959' }}>{label}</span>
      {children}
    </Space>
  );
}

/** Pass / fail of one criterion. */
export function PassMark({ ok, testId }: { ok: boolean; testId?: string }) {
  const { t } = useTranslation();
  return ok
    ? <Tag color="success" style={{ marginInlineEnd: 0 }} data-testid={testId} data-ok="true">{t('workforce.common.pass')}</Tag>
    : <Tag color="error" style={{ marginInlineEnd: 0 }} data-testid={testId} data-ok="false">{t('workforce.common.fail')}</Tag>;
}

/** "网格长 1 + 专业网格员 2 + 3 名联防员" in the UI language. */
export function teamLabel(t: (k: string, o?: Record<string, unknown>) => string, r: Pick<GridTeamRow, 'chief' | 'fullTime' | 'partTime' | 'patrol'>): string {
  return t('workforce.teams.label', { chief: r.chief.length, pro: r.fullTime.length + r.partTime.length, patrol: r.patrol.length });
}

export const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
