// One visit: who, where, when and how long, whether check-in/out lay outside the grid, the
// people and households seen, the problems found (with their case), and both points on a map.
import { Alert, Descriptions, Drawer, Empty, List, Space, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../api/useApi';
import { visitsApi, type VisitDetail } from './api';
import { DurationText, OutsideTag } from './visitBits';
import VisitMap, { type MapPoint } from './VisitMap';
import { fmtTime } from './time';

export default function VisitDrawer({ visitId, onClose }: { visitId: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const d = useApi<VisitDetail | undefined>(() => (visitId ? visitsApi.get(visitId) : Promise.resolve(undefined)), [visitId]);
  const v = visitId ? d.data : undefined;
  const people = { residents: v?.residents ?? [], households: v?.households ?? [] };
  const points: MapPoint[] = [];
  if (v?.checkInLng != null && v.checkInLat != null) points.push({ id: 1, lng: v.checkInLng, lat: v.checkInLat, outside: v.checkInOutside, label: t('workforce.visits.checkIn'), kind: 'in' });
  if (v?.checkOutLng != null && v.checkOutLat != null) points.push({ id: 2, lng: v.checkOutLng, lat: v.checkOutLat, outside: v.checkOutOutside, label: t('workforce.visits.checkOut'), kind: 'out' });

  return (
    <Drawer open={visitId !== null} onClose={onClose} size={640} destroyOnHidden title={t('workforce.visits.detail')} data-testid="visit-drawer">
      {d.loading && !v && <Spin style={{ display: 'block', margin: '40px auto' }} />}
      {d.error && <Alert type="error" showIcon title={d.error.message} />}
      {v && (
        <>
          {(v.checkInOutside || v.checkOutOutside) && <Alert type="warning" showIcon title={t('workforce.visits.outsideAlert')} style={{ marginBottom: 12 }} data-testid="visit-drawer-outside" />}
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('workforce.visits.worker')}>{v.worker.name}</Descriptions.Item>
            <Descriptions.Item label={t('workforce.visits.region')}>{v.region.name}</Descriptions.Item>
            <Descriptions.Item label={t('workforce.visits.purpose')}>{t(`workforce.purpose.${v.purpose}`, { defaultValue: v.purpose })}</Descriptions.Item>
            <Descriptions.Item label={t('workforce.visits.duration')}><DurationText minutes={v.durationMinutes} /></Descriptions.Item>
            <Descriptions.Item label={t('workforce.visits.checkIn')}>{fmtTime(v.checkInAt)} <OutsideTag value={v.checkInOutside} /></Descriptions.Item>
            <Descriptions.Item label={t('workforce.visits.checkOut')}>{v.checkOutAt ? <>{fmtTime(v.checkOutAt)} <OutsideTag value={v.checkOutOutside} /></> : <Tag color="processing">{t('workforce.visits.open')}</Tag>}</Descriptions.Item>
            <Descriptions.Item label={t('workforce.visits.notes')} span={2}>{v.notes || t('workforce.common.none')}</Descriptions.Item>
          </Descriptions>

          <h4 style={{ margin: '16px 0 8px' }}>{t('workforce.visits.mapBoth')}</h4>
          {points.length
            ? <VisitMap regionId={v.region.id} points={points} height={260} testId="visit-drawer-map" legend={<Legend checkOut />} />
            : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workforce.visits.noPoint')} />}

          <h4 style={{ margin: '16px 0 8px' }}>{t('workforce.visits.people', { n: v.peopleCount })}</h4>
          {people.residents.length || people.households.length ? (
            <Space size={[4, 4]} wrap data-testid="visit-drawer-people">
              {people.residents.map((r) => <Link key={`r${r.id}`} to={`/residents/${r.id}`}><Tag color="blue">{r.name}</Tag></Link>)}
              {people.households.map((h) => <Tag key={`h${h.id}`} color="cyan">{t('workforce.visits.household', { name: h.head?.name ?? h.number })}</Tag>)}
            </Space>
          ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workforce.visits.noPeople')} />}

          <h4 style={{ margin: '16px 0 8px' }}>{t('workforce.visits.findings', { n: v.findings.length })}</h4>
          <List
            size="small" bordered dataSource={v.findings} locale={{ emptyText: t('workforce.visits.noFindings') }}
            renderItem={(f) => (
              <List.Item data-testid="visit-finding" extra={f.case ? <Link to={`/cases/${f.case.id}`} data-testid="visit-finding-case">{t('workforce.visits.caseLink', { code: f.case.code })}</Link> : <Tag>{t('workforce.visits.noCase')}</Tag>}>
                {f.description}
              </List.Item>
            )}
          />
        </>
      )}
    </Drawer>
  );
}

/** Dot colours of VisitMap; `checkOut` adds the check-out dot (a single visit's map). */
export function Legend({ checkOut = false }: { checkOut?: boolean }) {
  const { t } = useTranslation();
  const dot = (c: string) => <span style={{ display: 'inline-block', width: 9, height: 9, borderRadius: 5, background: c, marginInlineEnd: 4 }} />;
  return (
    <Space size={10}>
      <span>{dot('#52c41a')}{t(checkOut ? 'workforce.visits.legendCheckIn' : 'workforce.visits.legendIn')}</span>
      {checkOut && <span>{dot('#1677ff')}{t('workforce.visits.legendCheckOut')}</span>}
      <span>{dot('#f5222d')}{t('workforce.visits.legendOutside')}</span>
    </Space>
  );
}
