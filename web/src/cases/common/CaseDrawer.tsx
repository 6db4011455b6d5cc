// A case opened beside a queue (desk, tasks): the essentials, why it came back, similar cases
// nearby, the suggested mode and unit, photos, and the steps the caller may take, without leaving
// the list.
import { Alert, Button, Descriptions, Divider, Drawer, List, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { ErrorResult } from '../../shell/ErrorResult';
import { casesApi, type CaseDetail, type CaseListItem, type Suggestion } from '../api';
import { ActionPanel } from './ActionPanel';
import { CaseUnits, CaseWhistles } from './CaseUnits';
import { DeadlineTag } from './DeadlineTag';
import { categoryLabel, fmtTime } from './format';
import { ModeTag, UrgentTag } from './ModeTag';
import { PhotoStrip } from './PhotoStrip';
import { StatusTag } from './StatusTag';

interface Props {
  caseId: number | null;
  onClose: () => void;
  /** A step was taken: the list behind should reload. */
  onChanged: (d: CaseDetail) => void;
}

export function CaseDrawer({ caseId, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer open={caseId !== null} onClose={onClose} size={640} destroyOnHidden title={t('cases.desk.quick')} data-testid="case-drawer">
      {caseId !== null && <DrawerBody id={caseId} onChanged={onChanged} />}
    </Drawer>
  );
}

function DrawerBody({ id, onChanged }: { id: number; onChanged: (d: CaseDetail) => void }) {
  const { t, i18n } = useTranslation();
  const loaded = useApi(() => casesApi.get(id), [id]);
  const [fresh, setFresh] = useState<CaseDetail | null>(null);
  useEffect(() => setFresh(null), [loaded.data]);
  const c = fresh ?? loaded.data;
  const reported = c?.status === 'reported';
  const similar = useApi<CaseListItem[]>(() => (reported ? casesApi.similar(id) : Promise.resolve([])), [id, reported]);
  const catId = c?.category?.id;
  const wantsSuggestion = !!catId && (c?.status === 'reported' || c?.status === 'registered');
  const suggestion = useApi<Suggestion | null>(() => (wantsSuggestion && catId ? casesApi.suggest(catId, c?.urgency, id) : Promise.resolve(null)), [id, catId, wantsSuggestion]);

  if (loaded.error) return <ErrorResult error={loaded.error} onRetry={loaded.reload} />;
  if (!c) return <Spin style={{ display: 'block', margin: '60px auto' }} />;
  const lastReturn = c.status === 'registered' ? [...c.timeline].reverse().find((e) => e.action === 'return') : undefined;

  return (
    <div data-testid="drawer-case" data-case-id={c.id} data-status={c.status}>
      <Space size={8} wrap align="center">
        <Typography.Text code>{c.code}</Typography.Text>
        <StatusTag status={c.status} />
        <ModeTag mode={c.mode} />
        <UrgentTag urgency={c.urgency} />
        {c.timerState !== 'none' && <DeadlineTag timerState={c.timerState} deadlineAt={c.stageDeadlineAt} stage={c.stage} withStage />}
      </Space>
      <Typography.Title level={5} style={{ margin: '10px 0 4px' }}>{c.title}</Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 8 }}>{c.description}</Typography.Paragraph>
      {lastReturn && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="drawer-returned"
          title={t('cases.desk.returnedBy', { name: lastReturn.department?.name ?? lastReturn.actorName, reason: lastReturn.note ?? '' })} />
      )}
      <Descriptions size="small" column={2} bordered styles={{ label: { width: 88, whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={t('cases.field.category')}>{categoryLabel(i18n.language, c.category) || t('cases.common.noCategory')}</Descriptions.Item>
        <Descriptions.Item label={t('cases.field.source')}>{t(`cases.source.${c.source}`)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.field.region')} span={2}>{c.region.pathNames.join(' / ')}{c.address ? ` · ${c.address}` : ''}</Descriptions.Item>
        <Descriptions.Item label={t('cases.field.reporter')}>
          {c.reporter.anonymous ? t('cases.page.reporterAnonymous') : [c.reporter.name, c.reporter.mobileMasked].filter(Boolean).join(' ') || t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.field.reportedAt')}>{fmtTime(c.reportedAt)}</Descriptions.Item>
        {c.department && <Descriptions.Item label={t('cases.field.department')} span={2}>{c.department.name}</Descriptions.Item>}
      </Descriptions>
      {reported && (
        <>
          <Divider titlePlacement="start" plain style={{ margin: '14px 0 6px' }}>{t('cases.desk.similar')}</Divider>
          {similar.data && !similar.data.length && <Typography.Text type="secondary">{t('cases.desk.similarNone')}</Typography.Text>}
          {!!similar.data?.length && (
            <List
              size="small" bordered dataSource={similar.data} data-testid="drawer-similar"
              renderItem={(s) => (
                <List.Item>
                  <Space size={6} wrap>
                    <Link to={`/cases/${s.id}`}>{s.code}</Link>
                    <span>{s.title}</span>
                    <StatusTag status={s.status} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtTime(s.reportedAt)}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          )}
        </>
      )}
      {suggestion.data && (
        <Alert
          type="info" showIcon style={{ marginTop: 12 }} data-testid="drawer-suggestion"
          title={<Space size={6} wrap><span>{t('cases.desk.suggestion')}{t('cases.common.sep')}</span><ModeTag mode={suggestion.data.mode} /><Tag>{suggestion.data.department?.name ?? t('cases.desk.suggestNone')}</Tag></Space>}
          description={suggestion.data.reason ? t('cases.desk.suggestReason', { reason: suggestion.data.reason }) : undefined}
        />
      )}
      {c.photos.length > 0 && (
        <>
          <Divider titlePlacement="start" plain style={{ margin: '14px 0 6px' }}>{t('cases.photos.title')}</Divider>
          <PhotoStrip photos={c.photos} size={72} />
        </>
      )}
      {(c.units.length > 0 || c.whistles.length > 0) && (
        <Space orientation="vertical" size={12} style={{ width: '100%', marginTop: 14 }}>
          {c.units.length > 0 && <CaseUnits units={c.units} />}
          {c.whistles.length > 0 && <CaseWhistles whistles={c.whistles} />}
        </Space>
      )}
      <Divider titlePlacement="start" plain style={{ margin: '14px 0 10px' }}>{t('cases.panel.title')}</Divider>
      <ActionPanel detail={c} onChanged={(d) => { setFresh(d); onChanged(d); }} onReload={loaded.reload} />
      <div style={{ marginTop: 16 }}>
        <Link to={`/cases/${c.id}`} data-testid="drawer-open-case"><Button type="link" style={{ paddingInline: 0 }}>{t('cases.common.openCase')}</Button></Link>
      </div>
    </div>
  );
}
