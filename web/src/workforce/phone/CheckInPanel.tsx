// Before a visit: pick the grid (when the worker has several), then one big button takes the
// phone's position and checks in. Without a position (denied, no fix) the worker may still check
// in; the visit then carries no point and cannot be placed.
import { AimOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { Alert, Button, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/useApi';
import { Section } from '../../public/report/PhoneShell';
import { visitsApi, type MeGrid, type VisitView } from '../api';
import { currentPosition } from './geo';

interface Props {
  grids: MeGrid[];
  onCheckedIn: (v: VisitView) => void;
}

export default function CheckInPanel({ grids, onCheckedIn }: Props) {
  const { t } = useTranslation();
  const [gridId, setGridId] = useState<number>(grids[0]?.id);
  const [busy, setBusy] = useState<'locating' | 'sending' | null>(null);
  const [geoError, setGeoError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const grid = grids.find((g) => g.id === gridId) ?? grids[0];

  const checkIn = async (withPosition: boolean) => {
    if (!grid) return;
    setError(null);
    let at: { lng: number; lat: number } | undefined;
    if (withPosition) {
      setBusy('locating');
      try {
        at = await currentPosition();
        setGeoError(null);
      } catch (e) {
        setGeoError(t(`workforce.phone.geo.${(e as Error).message}`, { defaultValue: t('workforce.phone.geo.unavailable') }));
        setBusy(null);
        return;
      }
    }
    setBusy('sending');
    try {
      const v = await visitsApi.checkIn({ regionId: grid.id, lng: at?.lng, lat: at?.lat, purpose: grid.teamId ? 'stationed' : 'patrol', teamId: grid.teamId ?? undefined });
      onCheckedIn(v);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Section title={t('workforce.phone.myGrids')} testId="visit-checkin">
      {grids.length > 1 ? (
        <Radio.Group value={grid?.id} onChange={(e) => setGridId(e.target.value as number)} style={{ display: 'flex', flexDirection: 'column', gap: 10, marginBottom: 16 }} data-testid="visit-grids">
          {grids.map((g) => (
            <Radio key={g.id} value={g.id} data-testid="visit-grid-option">
              <span style={{ fontSize: 16 }}>{g.name}</span>
              {g.teamId ? <span style={{ color: '#8c8c8c', marginInlineStart: 6 }}>{t('workforce.phone.stationedGrid')}</span> : null}
            </Radio>
          ))}
        </Radio.Group>
      ) : (
        <div style={{ fontSize: 17, marginBottom: 16 }} data-testid="visit-grid-name"><EnvironmentOutlined style={{ color: '#c62828' }} /> {grid?.name}</div>
      )}
      <Button
        type="primary" block icon={<AimOutlined />} style={{ height: 60, fontSize: 19 }} loading={busy !== null} onClick={() => void checkIn(true)} data-testid="visit-check-in"
      >
        {busy === 'locating' ? t('workforce.phone.locating') : busy === 'sending' ? t('workforce.phone.checkingIn') : t('workforce.phone.checkIn')}
      </Button>
      <div style={{ color: '#8c8c8c', fontSize: 13, marginTop: 8 }}>{t('workforce.phone.checkInHint')}</div>
      {geoError && (
        <Alert
          type="warning" showIcon style={{ marginTop: 12 }} title={geoError} data-testid="visit-geo-error"
          action={<Button size="small" onClick={() => void checkIn(false)} disabled={busy !== null} data-testid="visit-check-in-nogps">{t('workforce.phone.checkInWithout')}</Button>}
        />
      )}
      {error && <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} data-testid="visit-error" />}
    </Section>
  );
}
