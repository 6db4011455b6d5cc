// 双向评价 (/workforce/reviews): each quarter the community rates its paired deputies and stationed
// teams (and they rate the community); the ranking by the community's average score marks the
// top 20% 优秀.
import { Alert, Card, Col, Empty, Row, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { reviewsApi, rulesApi, teamsApi, workersApi, type RankingItem, type ReviewDirection, type ReviewSubjectKind, type ReviewView } from './api';
import { Field, QuarterPicker, ScopePicker, type RegionChoice } from './common';
import ReviewFormModal, { type ReviewSubject } from './ReviewFormModal';
import { quarterOf } from './time';

const KINDS: ReviewSubjectKind[] = ['pairedDeputy', 'stationedTeam'];

export default function ReviewsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [quarter, setQuarter] = useState(quarterOf(dayjs()));
  const [kind, setKind] = useState<ReviewSubjectKind>('pairedDeputy');
  const [region, setRegion] = useState<RegionChoice | null>(null);
  const [editing, setEditing] = useState<{ subject: ReviewSubject; direction: ReviewDirection; review?: ReviewView } | null>(null);
  const q = { quarter, regionId: region?.id, subjectKind: kind };
  const key = JSON.stringify(q);
  const ranking = useApi(() => reviewsApi.ranking(q), [key]);
  const reviews = useApi(() => reviewsApi.list(q), [key]);
  const rules = useApi(() => rulesApi.get(), []);
  const subjects = useApi<ReviewSubject[]>(async () => {
    if (kind === 'pairedDeputy') {
      const r = await workersApi.list({ regionId: region?.id, kind: 'pairedDeputy', limit: 200 });
      return r.items.map((w) => ({ kind, id: w.id, name: w.name, sub: [w.sendingUnit, ...w.positions.filter((p) => p.kind === 'pairedDeputy' && !p.endOn).map((p) => p.region.name)].filter(Boolean).join(' · ') }));
    }
    const r = await teamsApi.list(region?.id);
    return r.items.filter((x) => !x.endOn).map((x) => ({ kind, id: x.id, name: x.name, sub: [x.region.name, x.sendingUnit].filter(Boolean).join(' · '), community: x.region }));
  }, [kind, region?.id]);

  const mine = useMemo(() => {
    const m = new Map<string, ReviewView[]>();
    for (const r of reviews.data?.items ?? []) {
      const id = r.subject.id;
      const k = `${id}:${r.direction}`;
      m.set(k, [...(m.get(k) ?? []), r]);
    }
    return m;
  }, [reviews.data]);
  const reload = () => { ranking.reload(); reviews.reload(); };
  const share = Math.round((rules.data?.excellentShare ?? 0.2) * 100);
  const writer = can('workforce.review');

  const rankColumns: ColumnsType<RankingItem> = [
    { key: 'rank', title: t('workforce.board.rank'), width: 64, align: 'center', render: (_, x) => x.rank },
    { key: 'name', title: t('workforce.reviews.subject'), render: (_, x) => <span data-testid="ranking-name">{x.subject.name}</span> },
    { key: 'score', title: t('workforce.reviews.avgScore'), width: 100, align: 'right', render: (_, x) => <b>{x.score.toFixed(1)}</b> },
    { key: 'n', title: t('workforce.reviews.reviewCount'), width: 90, align: 'right', render: (_, x) => x.reviews },
    { key: 'ex', title: t('workforce.reviews.grade'), width: 90, align: 'center', render: (_, x) => (x.excellent ? <Tag color="gold" data-testid="ranking-excellent">{t('workforce.reviews.excellent')}</Tag> : null) },
  ];

  const scoreCell = (s: ReviewSubject, direction: ReviewDirection) => {
    const list = mine.get(`${s.id}:${direction}`) ?? [];
    const text = list.length ? list.map((r) => `${r.score}${list.length > 1 ? `（${r.community.name}）` : ''}`).join('、') : null;
    return (
      <Space size={6}>
        {text ? <b data-testid={`review-score-${direction}`}>{text}</b> : <span style={{ color: '#bfbfbf' }}>{t('workforce.reviews.notRated')}</span>}
        {writer && (
          <Typography.Link onClick={() => setEditing({ subject: s, direction, review: list.length === 1 ? list[0] : undefined })} data-testid={`review-rate-${direction}`}>
            {text ? t('workforce.reviews.change') : t('workforce.reviews.rate')}
          </Typography.Link>
        )}
      </Space>
    );
  };

  const entryColumns: ColumnsType<ReviewSubject> = [
    { key: 'name', title: t('workforce.reviews.subject'), render: (_, s) => <div><div data-testid="review-subject">{s.name}</div>{s.sub && <div style={{ color: '#8c8c8c', fontSize: 12 }}>{s.sub}</div>}</div> },
    { key: 'c', title: t('workforce.direction.communityRatesSubject'), width: 190, render: (_, s) => scoreCell(s, 'communityRatesSubject') },
    { key: 's', title: t('workforce.direction.subjectRatesCommunity'), width: 190, render: (_, s) => scoreCell(s, 'subjectRatesCommunity') },
  ];

  return (
    <Card title={t('workforce.reviews.title')} data-testid="reviews-page">
      <Space wrap size={[16, 8]} style={{ marginBottom: 12 }}>
        <Field label={t('workforce.reviews.quarter')}><QuarterPicker value={quarter} onChange={setQuarter} /></Field>
        <Segmented<ReviewSubjectKind> value={kind} onChange={setKind} options={KINDS.map((k) => ({ value: k, label: <span data-testid={`reviews-kind-${k}`}>{t(`workforce.subject.${k}`)}</span> }))} />
        <Field label={t('workforce.common.region')}><ScopePicker value={region} onChange={setRegion} testId="reviews-region" /></Field>
      </Space>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('workforce.reviews.hint', { share })} />
      {(ranking.error || reviews.error) && <Alert type="error" showIcon title={(ranking.error ?? reviews.error)!.message} style={{ marginBottom: 12 }} />}
      <Row gutter={16}>
        <Col xs={24} xl={13}>
          <Card size="small" title={t('workforce.reviews.entry')} style={{ marginBottom: 16 }}>
            <Table<ReviewSubject>
              rowKey="id" size="small" columns={entryColumns} dataSource={subjects.data ?? []} loading={subjects.loading || reviews.loading}
              onRow={(s) => ({ 'data-testid': 'review-row', 'data-id': s.id } as React.HTMLAttributes<HTMLElement>)}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`workforce.reviews.noSubjects.${kind}`)} /> }}
              pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card
            size="small" data-testid="reviews-ranking"
            title={t('workforce.reviews.ranking')}
            extra={ranking.data && <span style={{ color: '#8c8c8c' }}>{t('workforce.reviews.excellentCount', { n: ranking.data.excellentCount })}</span>}
          >
            <Table<RankingItem>
              rowKey={(x) => `${x.subject.kind}-${x.subject.id}`} size="small" columns={rankColumns} dataSource={ranking.data?.items ?? []} loading={ranking.loading}
              rowClassName={(x) => (x.excellent ? 'wf-excellent-row' : '')}
              onRow={(x) => ({ 'data-testid': 'ranking-row', 'data-excellent': String(x.excellent) } as React.HTMLAttributes<HTMLElement>)}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workforce.reviews.noRanking')} /> }}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            />
            <style>{'.wf-excellent-row > td { background: #fffbe6 !important; }'}</style>
          </Card>
        </Col>
      </Row>
      {editing && (
        <ReviewFormModal
          quarter={quarter} subject={editing.subject} direction={editing.direction} review={editing.review}
          onClose={() => setEditing(null)} onSaved={() => { setEditing(null); reload(); }}
        />
      )}
    </Card>
  );
}
