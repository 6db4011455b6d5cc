// 巡查上报 and 立即办 on the spot, with the resident's form filled in as staff. Patrol: the case is
// reported (source patrol) and its scene photos go up. 立即办: reported, the before- and
// after-photos go up, and resolveOnSpot closes it with the result — one tap for the worker. Each
// step that went through is remembered, so after a failure (a weak network) the next tap carries
// on where it stopped: the same idempotency key never makes a second case, and no photo goes twice.
import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, App, Button } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionFeatureCollection } from '../../api/types';
import { errorMessage } from '../../api/useApi';
import ReportForm, { type ReportValues } from '../../public/report/ReportForm';
import { casesApi, type CaseDetail, type PhotoKind } from '../api';
import { createCaseOnce, newIdempotencyKey } from './api';

interface Props {
  immediate: boolean;
  regions?: RegionFeatureCollection;
  /** A case was reported (and, for 立即办, closed): the list reloads; the worker may open it. */
  onDone: (c: CaseDetail) => void;
  onOpen: (id: number) => void;
}

interface Flow {
  key: string;
  created: CaseDetail | null;
  uploaded: Set<string>;
}

const freshFlow = (): Flow => ({ key: newIdempotencyKey(), created: null, uploaded: new Set() });

export default function PatrolReport({ immediate, regions, onDone, onOpen }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const flow = useRef<Flow>(freshFlow());
  const [submitting, setSubmitting] = useState(false);
  const [progress, setProgress] = useState<string>();
  const [partial, setPartial] = useState<string | null>(null);
  const [done, setDone] = useState<CaseDetail | null>(null);
  const [formKey, setFormKey] = useState(0);
  const ns = immediate ? 'grid.immediate' : 'grid.patrol';

  const upload = async (id: number, kind: PhotoKind, photos: ReportValues['photos'], stepKey: 'before' | 'after') => {
    const list = photos ?? [];
    for (let i = 0; i < list.length; i++) {
      if (flow.current.uploaded.has(list[i].uid)) continue;
      setProgress(immediate ? t(`grid.immediate.step.${stepKey}`, { done: i + 1, total: list.length }) : t('report.uploadingPhotos', { done: i + 1, total: list.length }));
      await casesApi.uploadPhoto(id, kind, list[i].file);
      flow.current.uploaded.add(list[i].uid);
    }
  };

  const submit = async (v: ReportValues) => {
    setSubmitting(true);
    setPartial(null);
    const f = flow.current;
    try {
      if (!f.created) {
        setProgress(immediate ? t('grid.immediate.step.create') : undefined);
        f.created = await createCaseOnce({
          source: 'patrol',
          title: v.title.trim(),
          description: v.description?.trim() || undefined,
          categoryId: v.categoryPath?.[v.categoryPath.length - 1],
          lng: v.point.lng,
          lat: v.point.lat,
          address: v.address?.trim() || undefined,
        }, f.key);
      }
      const id = f.created.id;
      await upload(id, immediate ? 'before' : 'scene', v.photos, 'before');
      let result = f.created;
      if (immediate) {
        await upload(id, 'after', v.afterPhotos, 'after');
        setProgress(t('grid.immediate.step.resolve'));
        // Photos may move the version on: act on the newest.
        const fresh = await casesApi.get(id);
        result = fresh.status === 'closed' ? fresh : await casesApi.act(id, 'resolveOnSpot', { version: fresh.version, result: v.result!.trim() });
      }
      flow.current = freshFlow();
      setDone(result);
      onDone(result);
      window.scrollTo({ top: 0 });
    } catch (e) {
      if (f.created) setPartial(t(`${ns}.partial`, { code: f.created.code, reason: errorMessage(e) }));
      else message.error(errorMessage(e));
    } finally {
      setSubmitting(false);
      setProgress(undefined);
    }
  };

  if (done) {
    return (
      <div style={{ textAlign: 'center', padding: '16px 0 4px' }} data-testid={immediate ? 'immediate-done' : 'patrol-done'}>
        <CheckCircleFilled style={{ fontSize: 52, color: '#52c41a' }} />
        <div style={{ fontSize: 20, fontWeight: 600, marginTop: 8 }}>{t(`${ns}.doneTitle`)}</div>
        <div style={{ color: '#595959', marginTop: 6 }} data-testid="grid-done-code" data-code={done.code}>{t(`${ns}.doneSub`, { code: done.code })}</div>
        <Button type="primary" block style={{ height: 48, marginTop: 18 }} onClick={() => onOpen(done.id)} data-testid="grid-done-open">{t('grid.patrol.open')}</Button>
        <Button block style={{ height: 48, marginTop: 10 }} onClick={() => { setDone(null); setFormKey((k) => k + 1); }} data-testid="grid-done-again">
          {t('grid.patrol.again')}
        </Button>
      </div>
    );
  }

  return (
    <>
      <Alert type={immediate ? 'success' : 'info'} showIcon title={t(`${ns}.hint`)} style={{ marginBottom: 12 }} />
      {partial && <Alert type="warning" showIcon title={partial} style={{ marginBottom: 12 }} data-testid="grid-partial" />}
      <ReportForm
        key={formKey} kind="staff" immediate={immediate} regions={regions} submitting={submitting} progress={progress}
        submitText={t(`${ns}.submit`)} onSubmit={(v) => void submit(v)} testId={immediate ? 'immediate-form' : 'patrol-form'}
      />
    </>
  );
}
