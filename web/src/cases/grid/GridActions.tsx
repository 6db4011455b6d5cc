// The grid worker's own steps on a case, sized for a thumb: 核查通过 (optional note), 核查不通过
// (reason required: back to handling), and 立即办结 of a case still waiting at the desk (result +
// after-photos). Each sends the case's version; a conflict reloads the case and says so. Steps
// the table gives the caller beyond these are named, for the desktop case page.
import { CheckOutlined, CloseOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../api/useApi';
import type { CaseAction } from '../../../../src/modules/cases/cases.workflow';
import PhotoPicker, { type PickedPhoto } from '../../public/report/PhotoPicker';
import { casesApi, type CaseDetail } from '../api';

const MINE: CaseAction[] = ['verifyPass', 'verifyFail', 'resolveOnSpot'];
const ICON: Partial<Record<CaseAction, React.ReactNode>> = { verifyPass: <CheckOutlined />, verifyFail: <CloseOutlined />, resolveOnSpot: <ThunderboltOutlined /> };

interface Props {
  detail: CaseDetail;
  onChanged: (d: CaseDetail) => void;
  onReload: () => void;
}

export default function GridActions({ detail, onChanged, onReload }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState<CaseAction | null>(null);
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<string>();
  const [error, setError] = useState<string | null>(null);
  const mine = MINE.filter((a) => detail.availableActions.includes(a));
  const elsewhere = detail.availableActions.filter((a) => !MINE.includes(a));

  const start = (a: CaseAction) => {
    setOpen(a);
    setText('');
    setPhotos([]);
    setError(null);
  };

  const submit = async () => {
    if (!open) return;
    const value = text.trim();
    if (open === 'verifyFail' && !value) return setError(t('grid.act.failReasonRequired'));
    if (open === 'resolveOnSpot' && !value) return setError(t('grid.act.resultRequired'));
    if (open === 'resolveOnSpot' && !photos.length) return setError(t('grid.act.afterRequired'));
    setBusy(true);
    setError(null);
    try {
      // The after-photos go first: the step checks they are there.
      for (let i = 0; i < photos.length; i++) {
        setProgress(t('grid.act.uploading', { done: i + 1, total: photos.length }));
        await casesApi.uploadPhoto(detail.id, 'after', photos[i].file);
      }
      setProgress(undefined);
      const body = open === 'verifyFail' ? { reason: value } : open === 'resolveOnSpot' ? { result: value } : value ? { note: value } : {};
      // Photos may have moved the version on: send the newest one.
      const version = photos.length ? (await casesApi.get(detail.id)).version : detail.version;
      const next = await casesApi.act(detail.id, open, { version, ...body });
      message.success(t('grid.act.done', { action: t(`cases.action.${open}`) }));
      setOpen(null);
      setPhotos([]);
      onChanged(next);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CASE_VERSION_CONFLICT') {
        message.warning(t('grid.act.conflict'));
        setOpen(null);
        onReload();
      } else setError(errorMessage(e));
    } finally {
      setBusy(false);
      setProgress(undefined);
    }
  };

  const label = open === 'verifyFail' ? 'grid.act.failReason' : open === 'resolveOnSpot' ? 'grid.act.resultLabel' : 'grid.act.passNote';
  const placeholder = open === 'verifyFail' ? 'grid.act.failReasonPlaceholder' : open === 'resolveOnSpot' ? 'grid.act.resultPlaceholder' : 'grid.act.passNotePlaceholder';
  return (
    <div data-testid="grid-actions">
      {!mine.length && !elsewhere.length && <div style={{ color: '#8c8c8c' }} data-testid="grid-actions-none">{t('grid.sheet.none')}</div>}
      {!open && mine.length > 0 && (
        <div style={{ display: 'grid', gridTemplateColumns: mine.length > 1 ? '1fr 1fr' : '1fr', gap: 10 }}>
          {mine.map((a) => (
            <Button
              key={a} type={a === 'verifyFail' ? 'default' : 'primary'} danger={a === 'verifyFail'} icon={ICON[a]} onClick={() => start(a)}
              style={{ height: 52, fontSize: 16, ...(a === 'verifyPass' ? { background: '#389e0d' } : {}) }} data-testid={`grid-action-${a}`}
            >
              {t(`cases.action.${a}`)}
            </Button>
          ))}
        </div>
      )}
      {open && (
        <div data-testid="grid-action-form" data-action={open}>
          <div style={{ fontWeight: 600, marginBottom: 6 }}>{t(label)}</div>
          <Input.TextArea
            value={text} onChange={(e) => setText(e.target.value)} placeholder={t(placeholder)} autoSize={{ minRows: 3, maxRows: 6 }}
            maxLength={2000} disabled={busy} data-testid="grid-action-text" autoFocus
          />
          {open === 'resolveOnSpot' && (
            <div style={{ marginTop: 12 }}>
              <div style={{ fontWeight: 600, marginBottom: 6 }}>{t('grid.act.afterLabel')}</div>
              <PhotoPicker value={photos} onChange={setPhotos} testId="grid-action-photos" disabled={busy} />
            </div>
          )}
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 10 }} data-testid="grid-action-error" />}
          {progress && <div style={{ color: '#8c8c8c', marginTop: 8 }}>{progress}</div>}
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 2fr', gap: 10, marginTop: 14 }}>
            <Button onClick={() => setOpen(null)} disabled={busy} style={{ height: 48 }} data-testid="grid-action-cancel">{t('grid.act.cancel')}</Button>
            <Button
              type="primary" danger={open === 'verifyFail'} loading={busy} onClick={() => void submit()} style={{ height: 48 }} data-testid="grid-action-submit"
            >
              {t('grid.act.confirm', { action: t(`cases.action.${open}`) })}
            </Button>
          </div>
        </div>
      )}
      {elsewhere.length > 0 && (
        <div style={{ color: '#8c8c8c', fontSize: 13, marginTop: 12 }}>
          {t('grid.sheet.elsewhere', { actions: elsewhere.map((a) => t(`cases.action.${a}`)).join('、') })}{' '}
          <Link to={`/cases/${detail.id}`}>{t('grid.sheet.openDesktop')}</Link>
        </div>
      )}
    </div>
  );
}
