// Side cards of a case: the units of a joint case (lead and assists, each part posted or not) and
// the whistles called on it with every department's check-in.
import { Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../api';
import { fmtTime } from './format';

const OUTCOME_COLOR = { pending: 'default', onTime: 'green', late: 'orange', missed: 'red' } as const;

export function CaseUnits({ units }: { units: CaseDetail['units'] }) {
  const { t } = useTranslation();
  const sorted = [...units].sort((a, b) => (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1));
  return (
    <Card size="small" title={t('cases.units.title')}>
      <List
        size="small" dataSource={sorted} data-testid="case-units"
        renderItem={(u) => (
          <List.Item data-testid="case-unit" data-role={u.role} data-posted={u.postedAt ? 'true' : 'false'}>
            <div style={{ width: '100%' }}>
              <Space size={6} wrap>
                <Tag color={u.role === 'lead' ? 'red' : 'blue'} style={{ marginInlineEnd: 0 }}>{t(`cases.unitRole.${u.role}`)}</Tag>
                <Typography.Text strong>{u.department.name}</Typography.Text>
                {u.role === 'assist' && (
                  u.postedAt
                    ? <Tag color="green" style={{ marginInlineEnd: 0 }}>{t('cases.units.posted', { at: fmtTime(u.postedAt) })}</Tag>
                    : <Tag color="gold" style={{ marginInlineEnd: 0 }}>{t('cases.units.pending')}</Tag>
                )}
              </Space>
              {u.part && <div style={{ marginTop: 4, whiteSpace: 'pre-wrap', color: '#434343' }}>{u.part}</div>}
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}

export function CaseWhistles({ whistles }: { whistles: CaseDetail['whistles'] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('cases.whistles.title')}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="case-whistles">
        {whistles.map((w) => (
          <div key={w.id} data-testid="case-whistle">
            <Space size={6} wrap>
              <Tag color="volcano" style={{ marginInlineEnd: 0 }}>{t(`cases.whistleLevel.${w.level}`)}</Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('cases.whistles.by', { name: w.calledByName, at: fmtTime(w.createdAt) })}</Typography.Text>
            </Space>
            <div style={{ margin: '4px 0' }}>{w.reason}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('cases.whistles.deadline', { at: fmtTime(w.deadlineAt) })}</Typography.Text>
            <List
              size="small" dataSource={w.calls}
              renderItem={(c) => (
                <List.Item style={{ paddingInline: 0 }}>
                  <Space size={6} wrap>
                    <span>{c.department.name}</span>
                    <Tag color={OUTCOME_COLOR[c.outcome]} style={{ marginInlineEnd: 0 }}>{t(`cases.outcome.${c.outcome}`)}</Tag>
                    {c.checkedInAt && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('cases.whistles.checkedIn', { at: fmtTime(c.checkedInAt) })}</Typography.Text>}
                    {c.note && <span style={{ color: '#595959' }}>{c.note}</span>}
                  </Space>
                </List.Item>
              )}
            />
          </div>
        ))}
      </Space>
    </Card>
  );
}
