// Every step of a case, oldest first: what was done, by whom (and as what), for which unit, the
// note, and whether the stage it ended was finished on time or late.
import { Empty, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseEventView } from '../api';
import { fmtTime } from './format';

const RED = new Set(['reject', 'return', 'verifyFail', 'overdue', 'reopen', 'refuseExtension']);
const GOLD = new Set(['warning', 'supervise', 'whistle', 'escalate', 'requestExtension', 'shelve']);
const GREEN = new Set(['close', 'resolveOnSpot', 'verifyPass', 'conclude', 'handle', 'checkIn', 'postPart']);

function color(e: CaseEventView): string {
  if (RED.has(e.action)) return 'red';
  if (GOLD.has(e.action)) return 'orange';
  if (GREEN.has(e.action)) return 'green';
  if (e.action === 'report') return 'gray';
  return 'blue';
}

/** The few step details worth a line of their own (the rest of `data` is bookkeeping). */
function details(t: ReturnType<typeof useTranslation>['t'], lang: string, e: CaseEventView): string[] {
  const d = (e.data ?? {}) as Record<string, unknown>;
  const out: string[] = [];
  const name = (x: unknown) => (x && typeof x === 'object' && 'name' in x ? String((x as { name: unknown }).name) : '');
  const names = (v: unknown) => (Array.isArray(v) ? v.map(name).filter(Boolean).join('、') : '');
  if (d.category && typeof d.category === 'object' && 'nameZh' in d.category) {
    const c = d.category as { nameZh: string; nameEn?: string };
    out.push(`${t('cases.field.category')}${t('cases.common.sep')}${lang === 'en' ? c.nameEn || c.nameZh : c.nameZh}`);
  }
  if (typeof d.mode === 'string') out.push(`${t('cases.field.mode')}${t('cases.common.sep')}${t(`cases.mode.${d.mode}`, { defaultValue: d.mode })}`);
  if (e.action === 'dispatch' && name(d.department)) out.push(`${t('cases.form.target')}${t('cases.common.sep')}${name(d.department)}`);
  if (names(d.assists)) out.push(`${t('cases.form.assists')}${t('cases.common.sep')}${names(d.assists)}`);
  if (names(d.departments)) out.push(`${t('cases.form.whistleDepartments')}${t('cases.common.sep')}${names(d.departments)}`);
  if (e.action === 'escalate' && name(d.to)) out.push(t('cases.timeline.move', { from: name(d.from), to: name(d.to) }));
  if (typeof d.satisfaction === 'string') out.push(`${t('cases.field.satisfaction')}${t('cases.common.sep')}${t(`cases.satisfaction.${d.satisfaction}`, { defaultValue: d.satisfaction })}`);
  if (typeof d.amount === 'number' && typeof d.unit === 'string') out.push(`${t('cases.form.extensionAmount')}${t('cases.common.sep')}${d.amount}${t(`cases.unit.${d.unit}`, { defaultValue: d.unit })}`);
  if (typeof d.reviewOn === 'string') out.push(`${t('cases.form.reviewOn')}${t('cases.common.sep')}${d.reviewOn}`);
  if (d.duplicateOf && typeof d.duplicateOf === 'object' && 'code' in d.duplicateOf) out.push(`${t('cases.field.duplicateOf')}${t('cases.common.sep')}${String((d.duplicateOf as { code: unknown }).code)}`);
  return out;
}

export function CaseTimeline({ events }: { events: CaseEventView[] }) {
  const { t, i18n } = useTranslation();
  if (!events.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.timeline.empty')} />;
  return (
    <Timeline
      data-testid="case-timeline"
      items={events.map((e) => ({
        color: color(e),
        content: (
          <div data-testid="timeline-item" data-action={e.action}>
            <Space size={6} wrap>
              <Typography.Text strong>{t(`cases.action.${e.action}`, { defaultValue: e.action })}</Typography.Text>
              {e.fromStatus && e.fromStatus !== e.toStatus && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('cases.timeline.move', { from: t(`cases.status.${e.fromStatus}`), to: t(`cases.status.${e.toStatus}`) })}
                </Typography.Text>
              )}
              {e.late === true && <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="timeline-late">{t('cases.timeline.late')}</Tag>}
              {e.late === false && <Tag color="green" style={{ marginInlineEnd: 0 }} data-testid="timeline-ontime">{t('cases.timeline.onTime')}</Tag>}
            </Space>
            <div style={{ color: '#595959', fontSize: 13, marginTop: 2 }}>
              <span data-testid="timeline-actor">{t('cases.timeline.by', { name: e.actorName, kind: t(`cases.actorKind.${e.actorKind}`, { defaultValue: e.actorKind }) })}</span>
              {e.department && <span> · {e.department.name}</span>}
              <span style={{ color: '#8c8c8c' }}> · {fmtTime(e.createdAt)}</span>
            </div>
            {e.note && <div style={{ marginTop: 2, whiteSpace: 'pre-wrap' }} data-testid="timeline-note">{e.note}</div>}
            {details(t, i18n.language, e).map((line) => <div key={line} style={{ fontSize: 12, color: '#595959' }}>{line}</div>)}
            {e.stageDeadlineAt && (
              <div style={{ fontSize: 12, color: '#8c8c8c' }}>{t('cases.timeline.deadline', { at: fmtTime(e.stageDeadlineAt) })}</div>
            )}
          </div>
        ),
      }))}
    />
  );
}
