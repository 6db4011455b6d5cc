// This week's 5-3-10 for the worker: entries into the grid, entries long enough, residents
// visited, each against its threshold, as the weekly board will count them.
import { CheckCircleFilled } from '@ant-design/icons';
import { Progress, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/useApi';
import { Section } from '../../public/report/PhoneShell';
import { rulesApi } from '../api';
import { thisWeek } from '../time';

function Bar({ label, value, goal, testId }: { label: string; value: number; goal: number; testId: string }) {
  const done = value >= goal;
  return (
    <div style={{ marginBottom: 8 }} data-testid={testId} data-value={value} data-goal={goal}>
      <div style={{ display: 'flex', fontSize: 14 }}>
        <span style={{ flex: 1 }}>{label}</span>
        <b style={{ color: done ? '#389e0d' : undefined }}>{value} / {goal}</b>
      </div>
      <Progress percent={Math.min(100, Math.round((value / Math.max(goal, 1)) * 100))} showInfo={false} strokeColor={done ? '#52c41a' : '#fa8c16'} size="small" />
    </div>
  );
}

export default function WeekProgress({ workerId, tick }: { workerId: number; tick: number }) {
  const { t } = useTranslation();
  const week = thisWeek();
  const data = useApi(() => rulesApi.rule5310({ week }), [week, tick]);
  const rows = (data.data?.items ?? []).filter((x) => x.worker.id === workerId);
  const r = data.data?.rules;
  if (!data.data || !r || !rows.length) return null;
  return (
    <Section title={t('workforce.phone.weekTitle', { week })} testId="visit-week">
      {rows.map((x) => (
        <div key={x.grid.id} style={{ marginBottom: rows.length > 1 ? 12 : 0 }}>
          {rows.length > 1 && <div style={{ fontWeight: 500, marginBottom: 6 }}>{x.grid.name}</div>}
          <Bar label={t('workforce.phone.weekEntries')} value={x.entries} goal={r.entries} testId="week-entries" />
          <Bar label={t('workforce.phone.weekQualifying', { h: r.hoursPerEntry })} value={x.qualifyingEntries} goal={r.entries} testId="week-qualifying" />
          <Bar label={t('workforce.phone.weekResidents')} value={x.residents} goal={r.residents} testId="week-residents" />
          <div style={{ display: 'flex', alignItems: 'center', color: '#595959', fontSize: 13 }}>
            <span style={{ flex: 1 }}>{t('workforce.phone.weekHours', { h: x.hours.toFixed(1) })}</span>
            {x.compliant
              ? <Tag color="success" icon={<CheckCircleFilled />} data-testid="week-compliant">{t('workforce.board.compliant')}</Tag>
              : <Tag color="warning" data-testid="week-compliant">{t('workforce.phone.weekNotYet')}</Tag>}
          </div>
        </div>
      ))}
    </Section>
  );
}
