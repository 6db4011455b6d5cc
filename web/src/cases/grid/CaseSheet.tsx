// A case opened from the grid worker's list, as a sheet from the bottom of the phone: what and
// where, the unit's result and photos (what the worker goes to check), the worker's steps, and
// the timeline.
import { Alert, Descriptions, Drawer, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/useApi';
import { casesApi, type CaseDetail } from '../api';
import { CaseTimeline } from '../common/CaseTimeline';
import { DeadlineTag } from '../common/DeadlineTag';
import { categoryLabel } from '../common/format';
import { ModeTag } from '../common/ModeTag';
import { PhotoStrip } from '../common/PhotoStrip';
import { StatusTag } from '../common/StatusTag';
import GridActions from './GridActions';

interface Props {
  caseId: number | null;
  onClose: () => void;
  /** A step changed the case: the list reloads. */
  onChanged: () => void;
}

const h: React.CSSProperties = { fontWeight: 600, fontSize: 15, margin: '18px 0 8px' };

export default function CaseSheet({ caseId, onClose, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const loaded = useApi(() => (caseId ? casesApi.get(caseId) : Promise.resolve(null)), [caseId]);
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  useEffect(() => setDetail(loaded.data ?? null), [loaded.data]);

  const d = detail && detail.id === caseId ? detail : null;
  return (
    <Drawer
      open={caseId !== null} onClose={onClose} placement="bottom" size="88%" destroyOnHidden
      title={d ? <span style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 14 }} data-testid="grid-sheet-code">{d.code}</span> : t('grid.sheet.title')}
      extra={d && <StatusTag status={d.status} />}
      styles={{ body: { padding: '8px 16px 24px' }, wrapper: { maxWidth: 480, margin: '0 auto', borderRadius: '12px 12px 0 0', overflow: 'hidden' } }}
      data-testid="grid-sheet"
    >
      {loaded.error && <Alert type="error" showIcon title={loaded.error.message} />}
      {!d && !loaded.error && <Spin style={{ display: 'block', margin: '40px auto' }} />}
      {d && (
        <div data-testid="grid-sheet-body" data-status={d.status}>
          <div style={{ fontSize: 18, fontWeight: 600, lineHeight: 1.4 }}>{d.title}</div>
          <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap', margin: '8px 0' }}>
            {d.stageDeadlineAt && d.timerState !== 'none' && <DeadlineTag timerState={d.timerState} deadlineAt={d.stageDeadlineAt} stage={d.stage} withStage />}
            <ModeTag mode={d.mode} />
          </div>
          <Descriptions column={1} size="small" styles={{ label: { width: 76 } }}>
            {d.category && <Descriptions.Item label={t('grid.sheet.category')}>{categoryLabel(i18n.language, d.category)}</Descriptions.Item>}
            <Descriptions.Item label={t('grid.sheet.address')}>{[d.region.pathNames.slice(-2).join(' / '), d.address].filter(Boolean).join(' · ')}</Descriptions.Item>
            <Descriptions.Item label={t('grid.sheet.reporter')}>
              {d.reporter.anonymous
                ? t('grid.sheet.anonymous')
                // Staff reports carry no reporter name: the one who took the 'report' step is the reporter.
                : [d.reporter.name ?? d.timeline.find((e) => e.action === 'report')?.actorName, d.reporter.mobileMasked].filter(Boolean).join(' ') || t(`cases.source.${d.source}`)}
            </Descriptions.Item>
            {d.department && <Descriptions.Item label={t('grid.sheet.department')}>{d.department.name}</Descriptions.Item>}
          </Descriptions>
          <div style={{ whiteSpace: 'pre-wrap', color: d.description ? undefined : '#8c8c8c', marginTop: 8, background: '#fafafa', borderRadius: 6, padding: '8px 10px' }}>{d.description || t('grid.sheet.noDescription')}</div>
          {d.result && (
            <Alert type="success" style={{ marginTop: 12 }} title={t('grid.sheet.result')} description={<div style={{ whiteSpace: 'pre-wrap' }} data-testid="grid-sheet-result">{d.result}</div>} />
          )}
          <div style={h}>{t('grid.sheet.photos')}</div>
          <PhotoStrip photos={d.photos} size={92} />
          <div style={h}>{t('grid.sheet.actions')}</div>
          <GridActions detail={d} onChanged={(next) => { setDetail(next); onChanged(); }} onReload={loaded.reload} />
          <div style={h}>{t('grid.sheet.timeline')}</div>
          <CaseTimeline events={d.timeline} />
        </div>
      )}
    </Drawer>
  );
}
