// 随手拍: a resident reports a problem from a phone without an account. The case is created
// first (its code is the receipt), then the photos go up one by one; a photo that fails does not
// lose the case. The page ends on the code, shown big, with the way to follow it.
// A poster's QR code may carry where to look first: /report?lng=…&lat=…&z=….
import { CheckCircleFilled, CopyOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, App, Button } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/useApi';
import { newIdempotencyKey, publicCasesApi, reportOnce } from './api';
import PhoneShell, { Section } from './PhoneShell';
import ReportForm, { type ReportValues } from './ReportForm';

/** Where to look first, from the link's query, when it is a sane coordinate. */
export function viewFromQuery(q: URLSearchParams): [number, number, number] | undefined {
  const lng = Number(q.get('lng')), lat = Number(q.get('lat')), z = Number(q.get('z') ?? 16);
  if (!q.get('lng') || !q.get('lat') || !Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90) return undefined;
  return [lng, lat, Number.isFinite(z) ? Math.min(19, Math.max(3, z)) : 16];
}

interface Receipt {
  code: string;
  mobile: string;
  photoProblem: string | null;
}

export default function ReportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [query] = useSearchParams();
  const navigate = useNavigate();
  const initialView = useMemo(() => viewFromQuery(query), [query]);
  const [submitting, setSubmitting] = useState(false);
  const [progress, setProgress] = useState<string>();
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [formKey, setFormKey] = useState(0);
  // One key per report until it has gone through: a retry after a lost answer gets the same case.
  const idemKey = useRef(newIdempotencyKey());

  const submit = async (v: ReportValues) => {
    setSubmitting(true);
    setProgress(undefined);
    try {
      const mobile = v.reporterMobile!.trim();
      const { code } = await reportOnce({
        title: v.title.trim(),
        description: v.description?.trim() ?? '',
        categoryId: v.categoryPath?.[v.categoryPath.length - 1],
        lng: v.point.lng,
        lat: v.point.lat,
        address: v.address?.trim() || undefined,
        reporterName: v.anonymous ? undefined : v.reporterName?.trim() || undefined,
        reporterMobile: mobile,
        anonymous: !!v.anonymous,
      }, idemKey.current);
      idemKey.current = newIdempotencyKey();
      const photos = v.photos ?? [];
      let failed = 0;
      let lastError = '';
      for (let i = 0; i < photos.length; i++) {
        setProgress(t('report.uploadingPhotos', { done: i + 1, total: photos.length }));
        try {
          await publicCasesApi.uploadPhoto(code, mobile, photos[i].file);
        } catch (e) {
          failed += 1;
          lastError = errorMessage(e);
        }
      }
      setReceipt({ code, mobile, photoProblem: failed ? t('report.photoFailed', { count: failed, reason: lastError }) : null });
      window.scrollTo({ top: 0 });
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSubmitting(false);
      setProgress(undefined);
    }
  };

  const copy = async (code: string) => {
    try {
      await navigator.clipboard.writeText(code);
      message.success(t('report.copied'));
    } catch {
      // Clipboard refused (insecure context): the code stays on screen to write down.
    }
  };

  if (receipt) {
    return (
      <PhoneShell title={t('report.title')} testId="report-page">
        <Section testId="report-success">
          <div style={{ textAlign: 'center', padding: '12px 0 4px' }}>
            <CheckCircleFilled style={{ fontSize: 56, color: '#52c41a' }} />
            <div style={{ fontSize: 22, fontWeight: 600, marginTop: 10 }}>{t('report.successTitle')}</div>
            <div style={{ color: '#8c8c8c', marginTop: 6, fontSize: 14 }}>{t('report.successSub')}</div>
            <div style={{ margin: '20px 0 8px', color: '#595959' }}>{t('report.codeLabel')}</div>
            <div
              data-testid="report-code"
              style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 22, fontWeight: 700, whiteSpace: 'nowrap', color: '#c62828', background: '#fff5f5', border: '1px dashed #e57373', borderRadius: 8, padding: '12px 4px', userSelect: 'all' }}
            >
              {receipt.code}
            </div>
            <Button icon={<CopyOutlined />} type="link" onClick={() => void copy(receipt.code)} style={{ marginTop: 4 }}>{t('report.copyCode')}</Button>
          </div>
          {receipt.photoProblem && <Alert type="warning" showIcon title={receipt.photoProblem} style={{ margin: '8px 0' }} data-testid="report-photo-problem" />}
          <Button
            type="primary" block icon={<SearchOutlined />} style={{ height: 48, marginTop: 12 }} data-testid="report-follow"
            onClick={() => navigate(`/follow?code=${encodeURIComponent(receipt.code)}`, { state: { mobile: receipt.mobile } })}
          >
            {t('report.followThis')}
          </Button>
          <Button block style={{ height: 48, marginTop: 10 }} onClick={() => { setReceipt(null); setFormKey((k) => k + 1); }} data-testid="report-another">
            {t('report.reportAnother')}
          </Button>
        </Section>
      </PhoneShell>
    );
  }

  return (
    <PhoneShell
      title={t('report.title')} subtitle={t('report.subtitle')} testId="report-page"
      extra={<Link to="/follow" style={{ color: '#fff', fontSize: 13, whiteSpace: 'nowrap' }} data-testid="report-to-follow">{t('report.toFollow')}</Link>}
    >
      <Section>
        <ReportForm key={formKey} kind="resident" initialView={initialView} submitting={submitting} progress={progress} submitText={t('report.submit')} onSubmit={(v) => void submit(v)} />
      </Section>
    </PhoneShell>
  );
}
