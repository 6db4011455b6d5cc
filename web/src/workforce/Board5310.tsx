// The 5-3-10 board: per grid worker and ISO week, entries into the grid (≥ 5), entries of at
// least 3 hours, hours in the grid and residents visited (≥ 10), pass/fail per criterion,
// ranked (compliant first); the compliance rate; the same table as an Excel download.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Empty, Row, Space, Statistic, Switch, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/useApi';
import { rulesApi, type Rule5310Item } from './api';
import { Field, PassMark, pct, ScopePicker, WeekPicker, type RegionChoice } from './common';
import { thisWeek } from './time';

export default function Board5310() {
  const { t } = useTranslation();
  const [region, setRegion] = useState<RegionChoice | null>(null);
  const [week, setWeek] = useState(thisWeek());
  const [onlyFailing, setOnlyFailing] = useState(false);
  const query = { regionId: region?.id, week };
  const data = useApi(() => rulesApi.rule5310(query), [region?.id, week]);
  const v = data.data;
  const r = v?.rules;
  const items = (v?.items ?? []).filter((x) => !onlyFailing || !x.compliant);

  const columns: ColumnsType<Rule5310Item> = [
    { key: 'rank', title: t('workforce.board.rank'), width: 64, align: 'center', render: (_, x) => <span data-testid="board-rank">{x.rank}</span> },
    { key: 'worker', title: t('workforce.board.worker'), width: 110, render: (_, x) => <span data-testid="board-worker">{x.worker.name}</span> },
    { key: 'grid', title: t('workforce.board.grid'), width: 160, render: (_, x) => x.grid?.name ?? t('workforce.common.none') },
    { key: 'kind', title: t('workforce.positions.kind'), width: 110, render: (_, x) => t(`workforce.kind.${x.positionKind}`, { defaultValue: x.positionKind }) },
    {
      key: 'entries', title: r ? t('workforce.board.entriesOf', { n: r.entries }) : t('workforce.board.entries'), width: 120, align: 'center',
      render: (_, x) => <Space size={6}><b>{x.entries}</b><PassMark ok={x.meets.entries} testId="board-meets-entries" /></Space>,
    },
    {
      key: 'qualifying', title: r ? t('workforce.board.qualifyingOf', { h: r.hoursPerEntry }) : t('workforce.board.qualifying'), width: 140, align: 'center',
      render: (_, x) => <Space size={6}><b>{x.qualifyingEntries}</b><PassMark ok={x.meets.hours} testId="board-meets-hours" /></Space>,
    },
    { key: 'hours', title: t('workforce.board.hours'), width: 100, align: 'right', render: (_, x) => x.hours.toFixed(1) },
    {
      key: 'residents', title: r ? t('workforce.board.residentsOf', { n: r.residents }) : t('workforce.board.residents'), width: 130, align: 'center',
      render: (_, x) => <Space size={6}><b>{x.residents}</b><PassMark ok={x.meets.residents} testId="board-meets-residents" /></Space>,
    },
    {
      key: 'result', title: t('workforce.board.result'), width: 100, align: 'center',
      render: (_, x) => (x.compliant
        ? <Tag color="success" data-testid="board-compliant" data-ok="true">{t('workforce.board.compliant')}</Tag>
        : <Tag color="error" data-testid="board-compliant" data-ok="false">{t('workforce.board.notCompliant')}</Tag>),
    },
  ];

  return (
    <>
      <Space wrap size={[16, 8]} style={{ marginBottom: 12 }}>
        <Field label={t('workforce.common.region')}><ScopePicker value={region} onChange={setRegion} testId="board-region" /></Field>
        <Field label={t('workforce.common.week')}><WeekPicker value={week} onChange={setWeek} testId="board-week" /></Field>
        <Space size={6}><Switch checked={onlyFailing} onChange={setOnlyFailing} data-testid="board-only-failing" />{t('workforce.board.onlyFailing')}</Space>
        <Button icon={<DownloadOutlined />} href={rulesApi.export5310Url(query)} download data-testid="board-export">{t('workforce.board.export')}</Button>
      </Space>
      {r && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('workforce.board.rule', { entries: r.entries, hours: r.hoursPerEntry, residents: r.residents })} />}
      {data.error && <Alert type="error" showIcon title={data.error.message} style={{ marginBottom: 12 }} data-testid="board-error" />}
      {v && (
        <Row gutter={16} style={{ marginBottom: 12 }} data-testid="board-summary">
          <Col xs={8} md={4}><Statistic title={t('workforce.board.workers')} value={v.summary.workers} /></Col>
          <Col xs={8} md={4}><Statistic title={t('workforce.board.compliantCount')} value={v.summary.compliant} styles={{ content: { color: '#389e0d' } }} /></Col>
          <Col xs={8} md={4}><Statistic title={t('workforce.board.rate')} value={pct(v.summary.rate)} data-testid="board-rate" /></Col>
          <Col xs={24} md={12} style={{ color: '#8c8c8c', alignSelf: 'flex-end' }}>{t('workforce.board.period', { week: v.week, from: v.from, to: v.to })}</Col>
        </Row>
      )}
      {v && v.total > v.items.length && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('workforce.board.truncated', { shown: v.items.length, total: v.total })} />
      )}
      <Table<Rule5310Item>
        rowKey={(x) => `${x.worker.id}-${x.grid?.id ?? 0}`} size="middle" columns={columns} dataSource={items} loading={data.loading} scroll={{ x: 1100 }}
        locale={{ emptyText: <Empty description={t('workforce.board.empty')} /> }}
        onRow={(x) => ({ 'data-testid': 'board-row', 'data-worker': x.worker.name, 'data-compliant': String(x.compliant) } as React.HTMLAttributes<HTMLElement>)}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => t('common.total', { total: n }) }}
      />
    </>
  );
}
