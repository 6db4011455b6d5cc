// 双报到覆盖情况: per community or per institution, registered / expected organizations and
// members, coverage, service hours and pledges kept, with the headline figures offices quote
// ("134 个组织、2,457 名党员报到，覆盖率 100%") and an Excel export.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Progress, Row, Segmented, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/useApi';
import { ErrorResult } from '../../shell/ErrorResult';
import { partyApi, type RegistrationCoverageRow } from '../api';
import { FilterBar, Labeled, num, pct, RegionFilter, useRegionFilter, ymd } from '../common';

type By = 'community' | 'institution';

function Bar({ v }: { v: number | null }) {
  if (v === null) return <span>—</span>;
  return <Progress percent={Math.round(v * 1000) / 10} size="small" status={v >= 1 ? 'success' : 'normal'} style={{ margin: 0 }} />;
}

export function CoverageReport() {
  const { t } = useTranslation();
  const rf = useRegionFilter();
  const [by, setBy] = useState<By>('community');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const f = { regionId: rf.regionId, by, from: ymd(range?.[0]) ?? undefined, to: ymd(range?.[1]) ?? undefined };
  const report = useApi(() => partyApi.coverage(f), [JSON.stringify(f)]);
  const r = report.data;
  const tt = r?.totals;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="reg-coverage">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 12 }}>
        <FilterBar>
          <RegionFilter value={rf.region} onChange={rf.setRegion} testId="cov-filter-region" />
          <Labeled label={t('party.reg.by')}>
            <Segmented value={by} onChange={(v) => setBy(v as By)} data-testid="cov-by"
              options={[{ value: 'community', label: t('party.reg.byCommunity') }, { value: 'institution', label: t('party.reg.byInstitution') }]} />
          </Labeled>
          <Labeled label={t('party.reg.period')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} value={range} onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)} />
          </Labeled>
        </FilterBar>
        <Button icon={<DownloadOutlined />} href={partyApi.coverageExportUrl(f)} download data-testid="cov-export">{t('party.common.export')}</Button>
      </div>
      {report.error ? <ErrorResult error={report.error} onRetry={report.reload} /> : !r || !tt ? <Card size="small"><Skeleton active /></Card> : (
        <>
          <Alert type={tt.coverage !== null && tt.coverage >= 1 ? 'success' : 'info'} showIcon data-testid="cov-headline"
            title={<Typography.Text strong style={{ fontSize: 15 }}>{t('party.reg.headline', { region: r.region?.name ?? t('party.common.allScope'), orgs: num(tt.orgsRegistered), members: num(tt.membersRegistered), coverage: pct(tt.coverage) })}</Typography.Text>}
            description={t('party.reg.asOf', { day: r.asOf })} />
          <Card size="small">
            <Row gutter={[16, 12]}>
              <Col xs={12} md={6}><Statistic title={t('party.reg.orgsRegistered')} value={tt.orgsRegistered} suffix={`/ ${num(tt.orgsExpected)}`} data-testid="cov-orgs" /><Bar v={tt.orgCoverage} /></Col>
              <Col xs={12} md={6}><Statistic title={t('party.reg.membersRegistered')} value={tt.membersRegistered} suffix={`/ ${num(tt.membersExpected)}`} data-testid="cov-members" /><Bar v={tt.memberCoverage} /></Col>
              <Col xs={12} md={6}><Statistic title={t('party.reg.serviceHours')} value={tt.serviceHours} precision={1} data-testid="cov-hours" /></Col>
              <Col xs={12} md={6}>
                <Statistic title={t('party.reg.pledgesKept')} value={tt.pledgesKept} suffix={`/ ${num(tt.pledges)}`} data-testid="cov-pledges" />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('party.reg.pledgeRest', { pending: tt.pledgesPending, missed: tt.pledgesMissed })}</Typography.Text>
              </Col>
            </Row>
          </Card>
          <Table<RegistrationCoverageRow>
            size="small" bordered rowKey={(x) => `${x.subject.type}-${x.subject.id}`} dataSource={r.rows} data-testid="cov-rows" scroll={{ x: 1000 }}
            pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true, showTotal: (n) => t('common.total', { total: n }) }}
            locale={{ emptyText: t('party.reg.noRows') }}
            onRow={(x) => ({ 'data-testid': 'cov-row', 'data-id': x.subject.id } as React.HTMLAttributes<HTMLElement>)}
            columns={[
              { title: by === 'community' ? t('party.reg.community') : t('party.reg.institution'), fixed: 'left', width: 180, render: (_, x) => x.subject.name },
              { title: t('party.reg.orgsCol'), width: 110, align: 'right', render: (_, x) => `${num(x.orgsRegistered)} / ${num(x.orgsExpected)}` },
              { title: t('party.reg.membersCol'), width: 120, align: 'right', render: (_, x) => <span data-testid="cov-row-members">{num(x.membersRegistered)} / {num(x.membersExpected)}</span> },
              { title: t('party.reg.coverage'), width: 170, render: (_, x) => <Bar v={x.coverage} /> },
              { title: t('party.reg.serviceHours'), dataIndex: 'serviceHours', width: 100, align: 'right' },
              { title: t('party.reg.pledgesKept'), width: 110, align: 'right', render: (_, x) => `${x.pledgesKept} / ${x.pledges}` },
              { title: t('party.reg.pledgesMissed'), dataIndex: 'pledgesMissed', width: 90, align: 'right' },
            ]}
            summary={() => (
              <Table.Summary.Row style={{ background: '#fafafa', fontWeight: 600 }}>
                <Table.Summary.Cell index={0}>{t('party.reg.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">{num(tt.orgsRegistered)} / {num(tt.orgsExpected)}</Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right"><span data-testid="cov-total-members">{num(tt.membersRegistered)} / {num(tt.membersExpected)}</span></Table.Summary.Cell>
                <Table.Summary.Cell index={3}>{pct(tt.coverage)}</Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">{tt.serviceHours}</Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">{tt.pledgesKept} / {tt.pledges}</Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">{tt.pledgesMissed}</Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
          {(r.outsideCommunities.orgsExpected > 0 || r.outsideCommunities.membersExpected > 0) && by === 'community' && (
            <Typography.Text type="secondary" data-testid="cov-outside">{t('party.reg.outsideNote', r.outsideCommunities)}</Typography.Text>
          )}
          {(r.withoutInstitution.membersExpected > 0) && by === 'institution' && (
            <Typography.Text type="secondary">{t('party.reg.withoutInstitutionNote', r.withoutInstitution)}</Typography.Text>
          )}
        </>
      )}
    </Space>
  );
}
