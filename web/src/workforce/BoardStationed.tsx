// Stationed teams' week: the days they visited (the fixed day, Tuesday by default, marked),
// visits against the weekly minimum, whether the fixed day was kept, and the result.
import { Alert, Col, Empty, Row, Space, Statistic, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/useApi';
import { rulesApi, type StationedRuleItem } from './api';
import { Field, PassMark, pct, ScopePicker, WeekPicker, type RegionChoice } from './common';
import { thisWeek, weekRange } from './time';

const isoDay = (d: string) => ((dayjs(d).day() + 6) % 7) + 1;

export default function BoardStationed() {
  const { t } = useTranslation();
  const [region, setRegion] = useState<RegionChoice | null>(null);
  const [week, setWeek] = useState(thisWeek());
  const data = useApi(() => rulesApi.stationed({ regionId: region?.id, week }), [region?.id, week]);
  const v = data.data;
  const rules = useApi(() => rulesApi.get(), []);
  const need = rules.data?.teamVisits ?? 2;
  const items = v?.items ?? [];
  const compliant = items.filter((x) => x.compliant).length;
  const summaryRate = typeof v?.summary?.rate === 'number' ? v.summary.rate : items.length ? compliant / items.length : null;
  const [from, to] = weekRange(week);

  const columns: ColumnsType<StationedRuleItem> = [
    { key: 'team', title: t('workforce.stationed.name'), width: 180, render: (_, x) => <span data-testid="stationed-board-team">{x.team.name}</span> },
    { key: 'region', title: t('workforce.stationed.region'), width: 140, render: (_, x) => x.region.name },
    { key: 'members', title: t('workforce.stationed.members'), width: 80, align: 'right', render: (_, x) => (Array.isArray(x.members) ? x.members.length : x.members) },
    {
      key: 'days', title: t('workforce.board.visitDays'),
      render: (_, x) => (x.visitDays.length
        ? <Space size={[0, 4]} wrap>{x.visitDays.map((d) => {
            const fixed = isoDay(d) === (x.fixedWeekday ?? 2);
            return <Tag key={d} color={fixed ? 'gold' : 'blue'}>{`${t(`workforce.weekday.${isoDay(d)}`)} ${d.slice(5)}`}</Tag>;
          })}</Space>
        : <span style={{ color: '#bfbfbf' }}>{t('workforce.board.noVisit')}</span>),
    },
    { key: 'visits', title: t('workforce.board.teamVisitsOf', { n: need }), width: 130, align: 'center', render: (_, x) => <Space size={6}><b>{x.visits}</b><PassMark ok={x.visits >= need} /></Space> },
    { key: 'fixed', title: t('workforce.board.fixedDay'), width: 130, align: 'center', render: (_, x) => <Space size={6}><span>{t(`workforce.weekday.${x.fixedWeekday ?? 2}`)}</span><PassMark ok={x.fixedDayVisited} testId="stationed-board-fixed" /></Space> },
    {
      key: 'result', title: t('workforce.board.result'), width: 100, align: 'center',
      render: (_, x) => <Tag color={x.compliant ? 'success' : 'error'} data-testid="stationed-board-result">{t(x.compliant ? 'workforce.board.compliant' : 'workforce.board.notCompliant')}</Tag>,
    },
  ];

  return (
    <>
      <Space wrap size={[16, 8]} style={{ marginBottom: 12 }}>
        <Field label={t('workforce.common.region')}><ScopePicker value={region} onChange={setRegion} testId="stationed-board-region" /></Field>
        <Field label={t('workforce.common.week')}><WeekPicker value={week} onChange={setWeek} testId="stationed-board-week" /></Field>
      </Space>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('workforce.board.stationedRule', { n: need })} />
      {data.error && <Alert type="error" showIcon title={data.error.message} style={{ marginBottom: 12 }} />}
      {v && (
        <Row gutter={16} style={{ marginBottom: 12 }}>
          <Col xs={8} md={4}><Statistic title={t('workforce.board.teams')} value={items.length} /></Col>
          <Col xs={8} md={4}><Statistic title={t('workforce.board.compliantCount')} value={compliant} styles={{ content: { color: '#389e0d' } }} /></Col>
          <Col xs={8} md={4}><Statistic title={t('workforce.board.rate')} value={pct(summaryRate)} /></Col>
          <Col xs={24} md={12} style={{ color: '#8c8c8c', alignSelf: 'flex-end' }}>{t('workforce.board.period', { week, from, to })}</Col>
        </Row>
      )}
      <Table<StationedRuleItem>
        rowKey={(x) => x.team.id} size="middle" columns={columns} dataSource={items} loading={data.loading} scroll={{ x: 1000 }}
        locale={{ emptyText: <Empty description={t('workforce.board.emptyTeams')} /> }}
        onRow={(x) => ({ 'data-testid': 'stationed-board-row', 'data-compliant': String(x.compliant) } as React.HTMLAttributes<HTMLElement>)}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
      />
    </>
  );
}
