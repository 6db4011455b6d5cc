// /cases/:id — one case: header (code, status, mode, deadline), details, photos by kind, the
// timeline of every step, the map, the units of a joint case, whistles with check-ins, and the
// steps the caller may take now.
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Spin, Tag, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { ErrorResult } from '../../shell/ErrorResult';
import { casesApi, type CaseDetail } from '../api';
import { ActionPanel } from '../common/ActionPanel';
import { CaseTimeline } from '../common/CaseTimeline';
import { DeadlineTag } from '../common/DeadlineTag';
import { categoryLabel, fmtDate, fmtTime } from '../common/format';
import { ModeTag, UrgentTag } from '../common/ModeTag';
import { PhotoStrip } from '../common/PhotoStrip';
import { StatusTag } from '../common/StatusTag';
import { CaseUnits, CaseWhistles } from '../common/CaseUnits';

const CaseMap = lazy(() => import('../common/CaseMap'));

export default function CasePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const loaded = useApi(() => casesApi.get(id), [id]);
  // A step answers with the new case; keep it instead of loading again.
  const [fresh, setFresh] = useState<CaseDetail | null>(null);
  useEffect(() => setFresh(null), [loaded.data]);
  const c = fresh ?? loaded.data;

  if (loaded.error) return <ErrorResult error={loaded.error} onRetry={loaded.reload} />;
  if (!c) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  const lang = i18n.language;
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const links = [
    c.links.building && [t('cases.field.building'), <Link key="b" to={`/buildings/${c.links.building.id}`}>{c.links.building.name}</Link>],
    c.links.dwelling && [t('cases.field.dwelling'), c.links.dwelling.name],
    c.links.place && [t('cases.field.place'), c.links.place.name],
    c.links.asset && [t('cases.field.asset'), c.links.asset.name],
  ].filter(Boolean) as [string, React.ReactNode][];
  const counts = Object.entries(c.counts).filter(([, n]) => n > 0);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="case-page" data-case-id={c.id} data-status={c.status} data-version={c.version}>
      <Card size="small">
        <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
          <div>
            <Space size={8} wrap align="center">
              <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('cases.common.back')} />
              <Typography.Text code style={{ fontSize: 14 }} data-testid="case-code">{c.code}</Typography.Text>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-title">{c.title}</Typography.Title>
            </Space>
            <Space size={6} wrap style={{ marginTop: 8, marginInlineStart: 40 }}>
              <StatusTag status={c.status} />
              <ModeTag mode={c.mode} />
              <UrgentTag urgency={c.urgency} />
              {c.timerState !== 'none' && <DeadlineTag timerState={c.timerState} deadlineAt={c.stageDeadlineAt} stage={c.stage} withStage />}
              {c.returnCount > 0 && <Tag color="volcano">{t('cases.common.returnedTimes', { n: c.returnCount })}</Tag>}
              {c.reworkCount > 0 && <Tag color="orange">{t('cases.common.rework', { n: c.reworkCount })}</Tag>}
              {c.satisfaction && <Tag color={c.satisfaction === 'dissatisfied' ? 'red' : 'green'}>{t(`cases.satisfaction.${c.satisfaction}`)}</Tag>}
            </Space>
          </div>
          <Button icon={<ReloadOutlined />} onClick={loaded.reload}>{t('cases.common.refresh')}</Button>
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {c.duplicateOf && <Alert type="info" showIcon title={<Link to={`/cases/${c.duplicateOf.id}`}>{t('cases.page.duplicate', { code: c.duplicateOf.code })}</Link>} />}
            {c.status === 'shelved' && c.shelvedReviewOn && <Alert type="warning" showIcon title={t('cases.page.shelved', { date: c.shelvedReviewOn })} />}
            <Card size="small" title={t('cases.page.basic')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="case-description">{c.description || none}</Typography.Paragraph>
              <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered styles={{ label: { width: 100, whiteSpace: 'nowrap' } }}>
                <Descriptions.Item label={t('cases.field.category')}>{categoryLabel(lang, c.category) || t('cases.common.noCategory')}</Descriptions.Item>
                <Descriptions.Item label={t('cases.field.source')}>{t(`cases.source.${c.source}`)}</Descriptions.Item>
                <Descriptions.Item label={t('cases.field.region')}>{c.region.pathNames.join(' / ') || c.region.name}</Descriptions.Item>
                <Descriptions.Item label={t('cases.field.address')}>{c.address || none}</Descriptions.Item>
                <Descriptions.Item label={t('cases.field.desk')}>{c.desk.name}{t('cases.common.paren', { text: t(`cases.level.${c.level}`) })}</Descriptions.Item>
                <Descriptions.Item label={t('cases.field.department')}><span data-testid="case-department">{c.department?.name ?? none}</span></Descriptions.Item>
                <Descriptions.Item label={t('cases.field.reportedAt')}>{fmtTime(c.reportedAt)}</Descriptions.Item>
                <Descriptions.Item label={t('cases.field.dueAt')}>{fmtTime(c.dueAt)}</Descriptions.Item>
                <Descriptions.Item label={t('cases.field.reporter')}>
                  {c.reporter.anonymous ? t('cases.page.reporterAnonymous') : (
                    <span data-testid="case-reporter">{[c.reporter.name, c.reporter.mobileMasked].filter(Boolean).join(' ') || t('common.none')}</span>
                  )}
                </Descriptions.Item>
                {c.closedAt && <Descriptions.Item label={t('cases.field.closedAt')}>{fmtTime(c.closedAt)}</Descriptions.Item>}
                {c.shelvedReviewOn && <Descriptions.Item label={t('cases.field.shelvedReviewOn')}>{fmtDate(c.shelvedReviewOn)}</Descriptions.Item>}
                {links.map(([k, v]) => <Descriptions.Item key={k} label={k}>{v}</Descriptions.Item>)}
                {c.links.residents.length > 0 && (
                  <Descriptions.Item label={t('cases.field.residents')}>
                    <Space size={4} wrap>{c.links.residents.map((r) => <Link key={r.id} to={`/residents/${r.id}`}>{r.name}</Link>)}</Space>
                  </Descriptions.Item>
                )}
                {c.result && <Descriptions.Item label={t('cases.field.result')} span={2}><span style={{ whiteSpace: 'pre-wrap' }} data-testid="case-result">{c.result}</span></Descriptions.Item>}
                {c.feedbackNote && <Descriptions.Item label={t('cases.field.feedbackNote')} span={2}>{c.feedbackNote}</Descriptions.Item>}
                {counts.length > 0 && (
                  <Descriptions.Item label={t('cases.field.counts')} span={2}>
                    <Space size={4} wrap>{counts.map(([k, n]) => <Tag key={k}>{t(`cases.count.${k}`)} {n}</Tag>)}</Space>
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            <Card size="small" title={t('cases.photos.title')}><PhotoStrip photos={c.photos} /></Card>
            <Card size="small" title={t('cases.timeline.title')}><CaseTimeline events={c.timeline} /></Card>
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={t('cases.panel.title')}>
              {c.extensionRequest && (
                <Alert
                  type="warning" showIcon style={{ marginBottom: 12 }} data-testid="case-extension"
                  title={t('cases.panel.extensionPending', {
                    amount: c.extensionRequest.amount, unit: t(`cases.unit.${c.extensionRequest.unit}`), name: c.extensionRequest.requestedByName,
                    at: fmtTime(c.extensionRequest.requestedAt), reason: c.extensionRequest.reason,
                  })}
                />
              )}
              <ActionPanel detail={c} onChanged={setFresh} onReload={loaded.reload} />
            </Card>
            <Card size="small" title={t('cases.map.title')}>
              <Suspense fallback={<Spin />}><CaseMap lng={c.lng} lat={c.lat} regionId={c.region.id} /></Suspense>
            </Card>
            {c.units.length > 0 && <CaseUnits units={c.units} />}
            {c.whistles.length > 0 && <CaseWhistles whistles={c.whistles} />}
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
