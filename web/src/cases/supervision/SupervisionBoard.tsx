// 督办看板: open cases the timer marked yellow (80 % of the stage's time used) or red (overdue), by
// the unit holding them, with counts and the cases (each linking to its page). Refreshes every
// minute, since the server's timer keeps marking cases while the board is open.
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SupervisionBoard as Board, SupervisionCase, SupervisionUnit } from '../../../../src/modules/cases/cases.supervision';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { RegionPicker } from '../../regions/RegionPicker';
import { ErrorResult } from '../../shell/ErrorResult';
import { DeadlineTag } from '../common/DeadlineTag';
import { fmtTime } from '../common/format';
import { StatusTag } from '../common/StatusTag';

const REFRESH_MS = 60_000;

function unitLabel(t: (k: string) => string, u: SupervisionUnit): string {
  return u.kind === 'department' ? t('supervision.unitKind.department') : t(`supervision.unitKind.${u.level ?? 'desk'}`);
}

function UnitCard({ unit, perUnit }: { unit: SupervisionUnit; perUnit: number }) {
  const { t } = useTranslation();
  const total = unit.red + unit.yellow;
  return (
    <Card
      size="small" style={{ marginTop: 12 }} data-testid={`supervision-unit-${unit.kind}-${unit.id}`}
      title={<Space><span>{unit.name}</span><Tag>{unitLabel(t, unit)}</Tag></Space>}
      extra={
        <Space>
          <Tag color="red" data-testid="unit-red">{unit.red}</Tag>
          <Tag color="gold" data-testid="unit-yellow">{unit.yellow}</Tag>
        </Space>
      }
    >
      {total > unit.cases.length && <Typography.Text type="secondary">{t('supervision.truncated', { n: perUnit, total })}</Typography.Text>}
      <Table<SupervisionCase>
        size="small" rowKey="id" pagination={false} dataSource={unit.cases} scroll={{ x: 900 }}
        columns={[
          { title: t('supervision.col.code'), dataIndex: 'code', width: 190, render: (code: string, c) => <Link to={`/cases/${c.id}`} data-testid="supervision-case-link">{code}</Link> },
          { title: t('supervision.col.title'), dataIndex: 'title', ellipsis: true },
          { title: t('supervision.col.region'), key: 'region', width: 140, ellipsis: true, render: (_, c) => c.region.name },
          { title: t('supervision.col.status'), dataIndex: 'status', width: 100, render: (_, c) => <StatusTag status={c.status} /> },
          { title: t('supervision.col.stage'), dataIndex: 'stage', width: 80, render: (_, c) => (c.stage ? t(`cases.stage.${c.stage}`) : '—') },
          { title: t('supervision.col.deadline'), dataIndex: 'stageDeadlineAt', width: 140, render: (v: string | null) => fmtTime(v) },
          { title: t('supervision.col.clock'), key: 'clock', width: 150, render: (_, c) => <DeadlineTag timerState={c.timerState} deadlineAt={c.stageDeadlineAt} /> },
          {
            title: t('supervision.col.overdue'), key: 'overdue', width: 190,
            render: (_, c) => (c.overdue ? t('supervision.overdue', { hours: c.overdue.naturalHours, working: c.overdue.workingHours }) : <Typography.Text type="secondary">{t('supervision.notOverdue')}</Typography.Text>),
          },
          { title: t('supervision.col.supervised'), dataIndex: 'supervisionCount', width: 90, align: 'right' },
        ]}
      />
    </Card>
  );
}

export default function SupervisionBoard() {
  const { t } = useTranslation();
  const [regionId, setRegionId] = useState<number | null>(null);
  const board = useApi(() => api.get<Board>('/cases/supervision', { regionId }), [regionId]);
  const { reload } = board;
  useEffect(() => {
    const id = setInterval(reload, REFRESH_MS);
    return () => clearInterval(id);
  }, [reload]);

  if (board.error && board.error.status !== 400) return <ErrorResult error={board.error} onRetry={reload} />;
  const b = board.data;
  return (
    <Card
      title={t('supervision.title')} data-testid="supervision-board"
      extra={
        <Space wrap>
          <span>{t('supervision.region')}</span>
          <RegionPicker value={regionId} onChange={(id) => setRegionId(id)} placeholder={t('supervision.allRegions')} style={{ width: 240 }} testId="supervision-region" />
          <Button icon={<ReloadOutlined />} loading={board.loading} onClick={reload}>{t('supervision.refresh')}</Button>
        </Space>
      }
    >
      <Alert type="info" showIcon title={t('supervision.hint')} style={{ marginBottom: 12 }} />
      {board.error && <Alert type="error" showIcon title={board.error.message} style={{ marginBottom: 12 }} />}
      {b && (
        <>
          <Row gutter={16}>
            <Col xs={8}><Statistic title={t('supervision.red')} value={b.red} styles={{ content: { color: '#cf1322' } }} data-testid="supervision-red" /></Col>
            <Col xs={8}><Statistic title={t('supervision.yellow')} value={b.yellow} styles={{ content: { color: '#d48806' } }} data-testid="supervision-yellow" /></Col>
            <Col xs={8}><Statistic title={t('supervision.units')} value={b.units.length} /></Col>
          </Row>
          <Typography.Text type="secondary">{t('supervision.updatedAt', { at: fmtTime(b.at) })}</Typography.Text>
          {b.units.length === 0 ? (
            <Empty style={{ marginTop: 24 }} description={t('supervision.empty')} data-testid="supervision-empty" />
          ) : (
            b.units.map((u) => <UnitCard key={`${u.kind}-${u.id}`} unit={u} perUnit={b.perUnit} />)
          )}
        </>
      )}
    </Card>
  );
}
