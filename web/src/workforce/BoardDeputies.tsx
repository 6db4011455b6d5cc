// Paired deputies' accountability (双副组长问责): a case in their grid first reported by the public,
// with no visit of theirs in the weeks before, is flagged against them and their sending unit.
import { Alert, Card, Col, DatePicker, Empty, Row, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../api/useApi';
import { rulesApi, type DeputyFlag } from './api';
import { Field, ScopePicker, type RegionChoice } from './common';
import { DAY, fmtTime } from './time';

export default function BoardDeputies() {
  const { t } = useTranslation();
  const [region, setRegion] = useState<RegionChoice | null>(null);
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(3, 'month').startOf('month'), dayjs()]);
  const data = useApi(() => rulesApi.deputies({ regionId: region?.id, from: range[0].format(DAY), to: range[1].format(DAY) }), [region?.id, range[0].valueOf(), range[1].valueOf()]);
  const rules = useApi(() => rulesApi.get(), []);
  const v = data.data;
  const byUnit = [...(v?.byUnit ?? [])].sort((a, b) => b.flags - a.flags);

  const columns: ColumnsType<DeputyFlag> = [
    { key: 'deputy', title: t('workforce.kind.pairedDeputy'), width: 100, render: (_, x) => <span data-testid="deputy-name">{x.deputy.name}</span> },
    { key: 'unit', title: t('workforce.workers.sendingUnit'), width: 160, render: (_, x) => x.sendingUnit || t('workforce.common.none') },
    { key: 'grid', title: t('workforce.board.grid'), width: 150, render: (_, x) => x.grid.name },
    { key: 'case', title: t('workforce.board.case'), width: 170, render: (_, x) => <Link to={`/cases/${x.case.id}`} data-testid="deputy-case">{x.case.code}</Link> },
    { key: 'reported', title: t('workforce.board.reportedAt'), width: 150, render: (_, x) => fmtTime(x.case.reportedAt) },
    { key: 'source', title: t('workforce.board.source'), width: 100, render: (_, x) => t(`cases.source.${x.case.source}`, { defaultValue: x.case.source }) },
    { key: 'last', title: t('workforce.board.lastVisit'), width: 150, render: (_, x) => (x.lastVisitAt ? fmtTime(x.lastVisitAt) : <Tag color="error">{t('workforce.board.neverVisited')}</Tag>) },
    { key: 'weeks', title: t('workforce.board.weeksWithout'), width: 110, align: 'right', render: (_, x) => x.weeks ?? t('workforce.common.none') },
  ];

  return (
    <>
      <Space wrap size={[16, 8]} style={{ marginBottom: 12 }}>
        <Field label={t('workforce.common.region')}><ScopePicker value={region} onChange={setRegion} testId="deputies-region" /></Field>
        <Field label={t('workforce.common.period')}>
          <DatePicker.RangePicker value={range} allowClear={false} onChange={(r) => r?.[0] && r[1] && setRange([r[0], r[1]])} data-testid="deputies-range" />
        </Field>
      </Space>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('workforce.board.deputyRule', { weeks: rules.data?.deputyLookbackWeeks ?? 4 })} />
      {data.error && <Alert type="error" showIcon title={data.error.message} style={{ marginBottom: 12 }} />}
      <Row gutter={16}>
        <Col xs={24} xl={17}>
          <Table<DeputyFlag>
            rowKey={(x) => `${x.deputy.id}-${x.case.id}`} size="middle" columns={columns} dataSource={v?.items ?? []} loading={data.loading} scroll={{ x: 1000 }}
            locale={{ emptyText: <Empty description={t('workforce.board.noFlags')} /> }}
            onRow={() => ({ 'data-testid': 'deputy-flag' } as React.HTMLAttributes<HTMLElement>)}
            pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => t('common.total', { total: n }) }}
          />
        </Col>
        <Col xs={24} xl={7}>
          <Card size="small" title={t('workforce.board.byUnit')} data-testid="deputy-by-unit">
            <Table
              rowKey="sendingUnit" size="small" pagination={false} dataSource={byUnit}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workforce.board.noFlags')} /> }}
              columns={[
                { key: 'u', title: t('workforce.workers.sendingUnit'), render: (_, x) => x.sendingUnit || t('workforce.common.none') },
                { key: 'd', title: t('workforce.board.deputies'), width: 80, align: 'right', render: (_, x) => x.deputies },
                { key: 'f', title: t('workforce.board.flags'), width: 80, align: 'right', render: (_, x) => <b style={{ color: x.flags ? '#cf1322' : undefined }}>{x.flags}</b> },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
