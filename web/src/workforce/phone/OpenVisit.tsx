// The visit under way: the grid, the check-in time and the time elapsed (against the hours an
// entry needs to count), a clear warning when the check-in lay outside the grid, the map of the
// grid with the check-in point, the people seen, the problems found, notes, and check-out.
import { ClockCircleOutlined, LogoutOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, App, Button, Input, Progress, Spin } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, useApi } from '../../api/useApi';
import { Section } from '../../public/report/PhoneShell';
import { visitsApi, type FindingView, type VisitDetail, type VisitView } from '../api';
import VisitMap from '../VisitMap';
import Findings from './Findings';
import { positionOrNull } from './geo';
import PeoplePicker, { type Picked } from './PeoplePicker';

const notesKey = (id: number) => `wangge.visit.notes.${id}`;
const readNotes = (id: number) => { try { return localStorage.getItem(notesKey(id)) ?? ''; } catch { return ''; } };
const writeNotes = (id: number, v: string) => { try { if (v) localStorage.setItem(notesKey(id), v); else localStorage.removeItem(notesKey(id)); } catch { /* private mode */ } };

function useNow(ms = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(h);
  }, [ms]);
  return now;
}

const hhmmss = (sec: number) => {
  const s = Math.max(0, Math.floor(sec));
  return [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60].map((n) => String(n).padStart(2, '0')).join(':');
};

interface Props {
  visit: VisitView;
  hoursPerEntry: number;
  onChanged: () => void;
  onCheckedOut: (v: VisitView) => void;
}

export default function OpenVisit({ visit, hoursPerEntry, onChanged, onCheckedOut }: Props) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const now = useNow();
  const detail = useApi(() => visitsApi.get(visit.id), [visit.id]);
  const [findings, setFindings] = useState<FindingView[] | null>(null);
  const [peopleCount, setPeopleCount] = useState(visit.peopleCount);
  const [notes, setNotes] = useState(() => readNotes(visit.id) || visit.notes);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const elapsedSec = (now - dayjs(visit.checkInAt).valueOf()) / 1000;
  const goalSec = hoursPerEntry * 3600;
  const d = detail.data;
  const initialPeople = useMemo<Picked[]>(() => {
    if (!d) return [];
    const whole = new Set(d.households.map((h) => h.id));
    return d.residents.map((r) => ({ id: r.id, name: r.name, householdId: r.householdId, whole: !!r.householdId && whole.has(r.householdId) }));
  }, [d]);
  const extraHouseholds = useMemo(() => (d ? d.households.map((h) => h.id).filter((id) => !d.residents.some((r) => r.householdId === id)) : []), [d]);
  const points = visit.checkInLng != null && visit.checkInLat != null
    ? [{ id: visit.id, lng: visit.checkInLng, lat: visit.checkInLat, outside: visit.checkInOutside, label: t('workforce.visits.checkIn') }]
    : [];

  const checkOut = async () => {
    setBusy(true);
    setError(null);
    try {
      const at = await positionOrNull();
      const v = await visitsApi.checkOut(visit.id, { lng: at?.lng, lat: at?.lat, notes: notes.trim() || undefined });
      writeNotes(visit.id, '');
      onCheckedOut(v);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const confirmCheckOut = () => {
    const short = elapsedSec < goalSec;
    modal.confirm({
      title: t('workforce.phone.checkOutConfirm'),
      content: short ? t('workforce.phone.checkOutShort', { elapsed: hhmmss(elapsedSec), h: hoursPerEntry }) : t('workforce.phone.checkOutLong', { elapsed: hhmmss(elapsedSec) }),
      okText: t('workforce.phone.checkOut'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'visit-check-out-confirm' } as never,
      onOk: checkOut,
    });
  };

  return (
    <>
      <Section testId="visit-open">
        <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <div style={{ flex: 1 }}>
            <div style={{ fontSize: 13, color: '#8c8c8c' }}>{t('workforce.phone.inGrid')}</div>
            <div style={{ fontSize: 18, fontWeight: 600 }} data-testid="visit-open-grid">{visit.region.name}</div>
            <div style={{ fontSize: 13, color: '#8c8c8c', marginTop: 2 }}>{t('workforce.phone.checkedInAt', { time: dayjs(visit.checkInAt).format('HH:mm') })}</div>
          </div>
          <Progress
            type="circle" size={92} percent={Math.min(100, Math.round((elapsedSec / goalSec) * 100))} strokeColor={elapsedSec >= goalSec ? '#52c41a' : '#fa8c16'}
            format={() => <span style={{ fontSize: 14, fontVariantNumeric: 'tabular-nums' }} data-testid="visit-elapsed">{hhmmss(elapsedSec)}</span>}
          />
        </div>
        <div style={{ fontSize: 13, color: elapsedSec >= goalSec ? '#389e0d' : '#8c8c8c', marginTop: 8 }}>
          <ClockCircleOutlined /> {elapsedSec >= goalSec ? t('workforce.phone.hoursReached', { h: hoursPerEntry }) : t('workforce.phone.hoursToGo', { h: hoursPerEntry })}
        </div>
        {visit.checkInOutside === true && (
          <Alert
            type="error" showIcon icon={<WarningFilled />} style={{ marginTop: 12 }} data-testid="visit-outside-warning"
            title={t('workforce.phone.outsideTitle')} description={t('workforce.phone.outsideText', { grid: visit.region.name })}
          />
        )}
        {visit.checkInOutside === null && (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('workforce.phone.noPlace')} data-testid="visit-no-place" />
        )}
        {points.length > 0 && (
          <div style={{ marginTop: 12 }}>
            <VisitMap regionId={visit.region.id} points={points} height={180} testId="visit-open-map" />
          </div>
        )}
      </Section>

      {!d && detail.loading && <Spin style={{ display: 'block', margin: '20px auto' }} />}
      {detail.error && <Alert type="error" showIcon title={detail.error.message} style={{ marginBottom: 12 }} />}
      {d && (
        <>
          <PeoplePicker
            visitId={visit.id} regionId={visit.region.id} initial={initialPeople} extraHouseholds={extraHouseholds} peopleCount={peopleCount}
            onSaved={(x: VisitDetail) => { setPeopleCount(x.peopleCount); onChanged(); }}
          />
          <Findings visitId={visit.id} findings={findings ?? d.findings} onAdded={(f) => setFindings([...(findings ?? d.findings), f])}
            onChanged={(f) => setFindings((findings ?? d.findings).map((x) => (x.id === f.id ? f : x)))}
          />
        </>
      )}

      <Section title={t('workforce.phone.notes')} testId="visit-notes-section">
        <Input.TextArea
          value={notes} rows={3} maxLength={2000} placeholder={t('workforce.phone.notesPlaceholder')} data-testid="visit-notes"
          onChange={(e) => { setNotes(e.target.value); writeNotes(visit.id, e.target.value); }}
        />
      </Section>

      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="visit-error" />}
      <Button danger type="primary" block icon={<LogoutOutlined />} style={{ height: 56, fontSize: 18, marginBottom: 12 }} loading={busy} onClick={confirmCheckOut} data-testid="visit-check-out">
        {t('workforce.phone.checkOut')}
      </Button>
    </>
  );
}
