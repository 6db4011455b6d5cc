// 走访打卡 (/m/visit, phone): the grid worker's visit — my grids, check in with the phone's
// position (flagged when outside the grid), the people seen, problems found (one tap turns one
// into a case), notes, check out; the open visit's elapsed time and this week's 5-3-10.
import { CheckCircleFilled, DesktopOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Result, Space, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import PhoneShell, { Section } from '../public/report/PhoneShell';
import { rulesApi, visitsApi, type VisitView } from './api';
import CheckInPanel from './phone/CheckInPanel';
import OpenVisit from './phone/OpenVisit';
import WeekProgress from './phone/WeekProgress';
import { DurationText, OutsideTag } from './visitBits';

export default function VisitPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const me = useApi(() => visitsApi.me(), []);
  const rules = useApi(() => rulesApi.get(), []);
  const [open, setOpen] = useState<VisitView | null | undefined>(undefined);
  const [done, setDone] = useState<VisitView | null>(null);
  const [tick, setTick] = useState(0);
  const visit = open === undefined ? me.data?.openVisit ?? null : open;
  const worker = me.data?.worker ?? null;

  const title = (
    <span>
      {t('workforce.phone.title')}
      {user && <span style={{ fontSize: 13, fontWeight: 400, opacity: 0.9, marginInlineStart: 8 }}>{worker?.name ?? user.displayName}</span>}
    </span>
  );
  const extra = <Link to="/" style={{ color: '#fff', fontSize: 13, whiteSpace: 'nowrap' }} data-testid="visit-desktop"><DesktopOutlined /> {t('grid.desktop')}</Link>;

  if (me.error) {
    return (
      <PhoneShell title={title} extra={extra} testId="visit-page">
        <Alert type="error" showIcon title={me.error.message} action={<Button size="small" icon={<ReloadOutlined />} onClick={me.reload}>{t('common.retry')}</Button>} />
      </PhoneShell>
    );
  }
  if (!me.data) return <PhoneShell title={title} extra={extra} testId="visit-page"><Spin style={{ display: 'block', margin: '60px auto' }} /></PhoneShell>;
  if (!worker || !me.data.grids.length) {
    return (
      <PhoneShell title={title} extra={extra} testId="visit-page">
        <Result status="info" title={t(worker ? 'workforce.phone.noGrid' : 'workforce.phone.notWorker')} subTitle={t('workforce.phone.askStaff')} data-testid="visit-not-worker" />
      </PhoneShell>
    );
  }

  const hoursPerEntry = rules.data?.hoursPerEntry ?? 3;
  return (
    <PhoneShell title={title} subtitle={me.data.grids.map((g) => g.name).join('、')} extra={extra} testId="visit-page">
      {done && !visit && (
        <Section testId="visit-done">
          <div style={{ textAlign: 'center' }}>
            <CheckCircleFilled style={{ fontSize: 44, color: '#52c41a' }} />
            <div style={{ fontSize: 18, fontWeight: 600, marginTop: 6 }}>{t('workforce.phone.doneTitle')}</div>
            <div style={{ color: '#595959', marginTop: 6, lineHeight: 1.8 }}>
              {done.region.name} · <DurationText minutes={done.durationMinutes} /> · {t('workforce.phone.donePeople', { n: done.peopleCount })}
              {done.findings.length > 0 && ` · ${t('workforce.phone.doneFindings', { n: done.findings.length })}`}
            </div>
            <Space size={16} style={{ marginTop: 8 }}>
              <span>{t('workforce.visits.checkIn')} <OutsideTag value={done.checkInOutside} testId="visit-done-in" /></span>
              <span>{t('workforce.visits.checkOut')} <OutsideTag value={done.checkOutOutside} testId="visit-done-out" /></span>
            </Space>
          </div>
        </Section>
      )}
      {visit
        ? (
          <OpenVisit
            key={visit.id} visit={visit} hoursPerEntry={hoursPerEntry}
            onChanged={() => setTick((n) => n + 1)}
            onCheckedOut={(v) => { setDone(v); setOpen(null); setTick((n) => n + 1); window.scrollTo({ top: 0 }); }}
          />
        )
        : <CheckInPanel grids={me.data.grids} onCheckedIn={(v) => { setDone(null); setOpen(v); window.scrollTo({ top: 0 }); }} />}
      <WeekProgress workerId={worker.id} tick={tick} />
    </PhoneShell>
  );
}
