// 进度查询: the resident follows a case by its code and the mobile they reported with: the steps,
// the result and photos, and, once it is closed, the rating. The mobile never goes into the
// address bar; from the report page it comes along in the navigation state.
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Empty, Form, Image, Input, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../api/useApi';
import { photoSrc, publicCasesApi, type PublicCaseView } from './api';
import FeedbackForm from './FeedbackForm';
import FollowSteps from './FollowSteps';
import PhoneShell, { Section } from './PhoneShell';
import { MOBILE_RE } from './ReportForm';

interface Query {
  code: string;
  mobile: string;
}

const STATUS_COLORS: Record<string, string> = {
  reported: 'default', registered: 'blue', dispatched: 'blue', handling: 'processing', handled: 'cyan', verified: 'cyan',
  closed: 'success', rejected: 'error', merged: 'default', shelved: 'warning', supervision: 'error',
};

export default function FollowPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const passedMobile = (location.state as { mobile?: string } | null)?.mobile ?? '';
  const [form] = Form.useForm<Query>();
  const [asked, setAsked] = useState<Query | null>(null);
  const [view, setView] = useState<PublicCaseView | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = async (q: Query) => {
    setLoading(true);
    setError(null);
    try {
      setView(await publicCasesApi.follow(q.code, q.mobile));
      setAsked(q);
    } catch (e) {
      setView(null);
      setError(e instanceof ApiError && (e.status === 404 || e.status === 403) ? t('report.notFound') : errorMessage(e));
    } finally {
      setLoading(false);
    }
  };

  // Straight from the report page: code in the address, mobile in the state.
  useEffect(() => {
    const code = params.get('code');
    if (code && passedMobile) void load({ code, mobile: passedMobile });
    // Once, on arrival.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onFinish = (q: Query) => {
    const clean = { code: q.code.trim().toUpperCase(), mobile: q.mobile.trim() };
    setParams({ code: clean.code }, { replace: true, state: location.state });
    void load(clean);
  };

  const en = i18n.language === 'en';
  return (
    <PhoneShell
      title={t('report.followTitle')} subtitle={t('report.followSubtitle')} testId="follow-page"
      extra={<Link to="/report" style={{ color: '#fff', fontSize: 13, whiteSpace: 'nowrap' }} data-testid="follow-to-report">{t('report.toReport')}</Link>}
    >
      <Section>
        <Form<Query> form={form} layout="vertical" onFinish={onFinish} initialValues={{ code: params.get('code') ?? '', mobile: passedMobile }} data-testid="follow-form">
          <Form.Item name="code" label={t('report.code')} rules={[{ required: true, whitespace: true, message: t('report.codeRequired') }]}>
            <Input placeholder={t('report.codePlaceholder')} autoCapitalize="characters" data-testid="follow-code" />
          </Form.Item>
          <Form.Item name="mobile" label={t('report.mobile')} rules={[{ required: true, message: t('report.mobileRequired') }, { pattern: MOBILE_RE, message: t('report.mobileInvalid') }]}>
            <Input type="tel" inputMode="numeric" maxLength={11} data-testid="follow-mobile" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block icon={<SearchOutlined />} loading={loading} style={{ height: 48 }} data-testid="follow-submit">
            {t('report.query')}
          </Button>
        </Form>
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="follow-error" />}
      </Section>

      {view && asked && (
        <>
          <Section
            testId="follow-result" title={<span data-testid="follow-title">{view.title}</span>}
            extra={<Button type="text" icon={<ReloadOutlined />} aria-label={t('report.refresh')} onClick={() => void load(asked)} data-testid="follow-refresh" />}
          >
            {view.mergedInto && <Alert type="info" showIcon title={t('report.mergedInto', { code: view.mergedInto.replace(/-/g, '\u2011') })} style={{ marginBottom: 12 }} data-testid="follow-merged" />}
            {view.status === 'rejected' && (
              <Alert type="warning" showIcon title={t('report.rejected')} description={view.rejectionReason ? t('report.rejectionReason', { reason: view.rejectionReason }) : undefined} style={{ marginBottom: 12 }} data-testid="follow-rejected" />
            )}
            <Descriptions column={1} size="small" styles={{ label: { width: 88 } }}>
              <Descriptions.Item label={t('report.code')}><span style={{ fontFamily: 'monospace' }} data-testid="follow-case-code">{view.code}</span></Descriptions.Item>
              <Descriptions.Item label={t('report.status')}>
                <Tag color={STATUS_COLORS[view.status]} data-testid="follow-status" data-status={view.status}>{t(`report.publicStatus.${view.status}`)}</Tag>
              </Descriptions.Item>
              {(view.categoryNameZh || view.categoryNameEn) && (
                <Descriptions.Item label={t('report.category')}>{en ? view.categoryNameEn : view.categoryNameZh}</Descriptions.Item>
              )}
              <Descriptions.Item label={t('report.reportedAt')}>{dayjs(view.reportedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
              {view.closedAt && <Descriptions.Item label={t('report.closedAt')}>{dayjs(view.closedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>}
              {view.satisfaction && (
                <Descriptions.Item label={t('report.yourFeedback')}><span data-testid="follow-satisfaction">{t(`report.satisfaction.${view.satisfaction}`)}</span></Descriptions.Item>
              )}
            </Descriptions>
          </Section>
          {/* Once closed, the rating is what the resident came for: right under the summary. */}
          {view.canGiveFeedback && (
            <Section title={t('report.feedbackTitle')} testId="follow-feedback">
              <FeedbackForm code={asked.code} mobile={asked.mobile} onDone={setView} />
            </Section>
          )}
          <Section title={t('report.history')}>
            <FollowSteps view={view} />
          </Section>
          {(view.result || view.status !== 'rejected') && (
            <Section title={t('report.result')} testId="follow-result-text">
              {view.result ? <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.7 }}>{view.result}</div> : <span style={{ color: '#8c8c8c' }}>{t('report.noResult')}</span>}
            </Section>
          )}
          <Section title={t('report.photosTitle')} testId="follow-photos">
            {view.photos.length ? (
              <Image.PreviewGroup>
                <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 8 }}>
                  {view.photos.map((p) => (
                    <div key={p.id} style={{ position: 'relative' }}>
                      <Image src={photoSrc(p, asked.mobile)} width="100%" height={100} style={{ objectFit: 'cover', borderRadius: 6 }} alt={t(`report.photoKind.${p.kind}`)} />
                      <Tag style={{ position: 'absolute', left: 4, top: 4, margin: 0 }} color={p.kind === 'after' ? 'green' : 'default'}>{t(`report.photoKind.${p.kind}`)}</Tag>
                    </div>
                  ))}
                </div>
              </Image.PreviewGroup>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Section>
        </>
      )}
    </PhoneShell>
  );
}
