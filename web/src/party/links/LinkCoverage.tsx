// 联户覆盖情况: households, linked, unlinked and coverage under a region; liaison households and
// group leaders outside their ranges; the figures per child region; the out-of-range list.
import { Card, Col, Empty, Progress, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/useApi';
import { ErrorResult } from '../../shell/ErrorResult';
import { partyApi, type LinkCoverageRow, type OutOfRangeItem } from '../api';
import { num, pct } from '../common';
import { RangeTag } from './RangeTag';

export function LinkCoverage({ regionId }: { regionId?: number }) {
  const { t } = useTranslation();
  const cov = useApi(() => partyApi.linkCoverage(regionId), [regionId]);
  if (cov.error) return <ErrorResult error={cov.error} onRetry={cov.reload} />;
  const c = cov.data;
  if (!c) return <Card size="small"><Skeleton active /></Card>;
  const r = c.rules;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="link-coverage">
      <Card size="small" title={t('party.links.coverageTitle', { region: c.region?.name ?? t('party.common.allScope') })}
        extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('party.links.rulesText', { hmin: r.householdsPerLiaison.min, hmax: r.householdsPerLiaison.max, lmin: r.liaisonsPerLeader.min, lmax: r.liaisonsPerLeader.max })}</Typography.Text>}>
        <Row gutter={[16, 12]}>
          <Col xs={12} md={6}><Statistic title={t('party.links.households')} value={c.households} data-testid="cov-households" /></Col>
          <Col xs={12} md={6}><Statistic title={t('party.links.linked')} value={c.linked} styles={{ content: { color: '#389e0d' } }} data-testid="cov-linked" /></Col>
          <Col xs={12} md={6}><Statistic title={t('party.links.unlinked')} value={c.unlinked} styles={{ content: { color: c.unlinked ? '#d46b08' : undefined } }} data-testid="cov-unlinked" /></Col>
          <Col xs={12} md={6}><Statistic title={t('party.links.coverage')} value={pct(c.coverage)} data-testid="cov-coverage" /></Col>
          <Col xs={24} md={12}>
            <Statistic title={t('party.links.liaisons')} value={c.liaisons.total} suffix={<Space size={4} style={{ fontSize: 13, marginLeft: 8 }}><Tag color="orange">{t('party.links.belowN', { n: c.liaisons.below })}</Tag><Tag color="red">{t('party.links.aboveN', { n: c.liaisons.above })}</Tag></Space>} data-testid="cov-liaisons" />
          </Col>
          <Col xs={24} md={12}>
            <Statistic title={t('party.links.leaders')} value={c.leaders.total} suffix={<Space size={4} style={{ fontSize: 13, marginLeft: 8 }}><Tag color="orange">{t('party.links.belowN', { n: c.leaders.below })}</Tag><Tag color="red">{t('party.links.aboveN', { n: c.leaders.above })}</Tag></Space>} data-testid="cov-leaders" />
          </Col>
        </Row>
      </Card>
      <Row gutter={12}>
        <Col xs={24} xl={13}>
          <Card size="small" title={t('party.links.byChild')}>
            <Table<LinkCoverageRow> size="small" rowKey={(x) => x.region.id} pagination={false} dataSource={c.byChild} data-testid="cov-by-child"
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('party.links.noChildren')} /> }}
              columns={[
                { title: t('party.common.region'), render: (_, x) => x.region.name },
                { title: t('party.links.households'), dataIndex: 'households', width: 80, align: 'right', render: num },
                { title: t('party.links.linked'), dataIndex: 'linked', width: 80, align: 'right', render: num },
                { title: t('party.links.unlinked'), dataIndex: 'unlinked', width: 80, align: 'right', render: num },
                { title: t('party.links.coverage'), dataIndex: 'coverage', width: 150, render: (v: number | null) => (v === null ? t('common.none') : <Progress percent={Math.round(v * 1000) / 10} size="small" status={v >= 1 ? 'success' : 'normal'} />) },
              ]} />
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card size="small" title={t('party.links.outOfRange', { n: c.outOfRange.length })}>
            <Table<OutOfRangeItem> size="small" rowKey={(x) => `${x.kind}-${x.id}`} pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }} dataSource={c.outOfRange} data-testid="cov-out-of-range"
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('party.links.allInRange')} /> }}
              columns={[
                { title: t('party.links.who'), width: 110, render: (_, x) => <Tag>{t(`party.links.rangeKind.${x.kind}`)}</Tag> },
                { title: t('party.member.name'), dataIndex: 'name' },
                { title: t('party.links.count'), dataIndex: 'count', width: 70, align: 'right' },
                { title: t('party.links.rangeCol'), width: 150, render: (_, x) => <RangeTag count={x.count} min={x.min} max={x.max} state={x.state} /> },
              ]} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
