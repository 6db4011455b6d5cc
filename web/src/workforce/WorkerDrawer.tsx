// One worker: who they are, every position they hold or held (current first), assign another,
// end one (with the end date), edit, and their recent visits.
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Empty, Popconfirm, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage, useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { positionsApi, visitsApi, workersApi, type PositionView, type WorkerView } from './api';
import { KIND_COLORS } from './common';
import PositionFormModal from './PositionFormModal';
import { DAY, fmtTime } from './time';
import WorkerFormModal from './WorkerFormModal';

function EndPosition({ p, onDone }: { p: PositionView; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [on, setOn] = useState<Dayjs>(dayjs());
  return (
    <Popconfirm
      title={t('workforce.positions.endTitle')}
      description={<DatePicker value={on} onChange={(d) => d && setOn(d)} allowClear={false} data-testid="position-end-date" />}
      okText={t('workforce.positions.end')} okButtonProps={{ danger: true, 'data-testid': 'position-end-confirm' } as never}
      onConfirm={async () => {
        try {
          await positionsApi.end(p.id, p.version, on.format(DAY));
          message.success(t('workforce.positions.ended'));
          onDone();
        } catch (e) {
          message.error(errorMessage(e));
        }
      }}
    >
      <Button size="small" danger data-testid="position-end">{t('workforce.positions.end')}</Button>
    </Popconfirm>
  );
}

/** The masked mobile; with pii.read a click shows the full number (the server audits it). */
function MobileCell({ id, masked }: { id: number; masked: string | null }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [full, setFull] = useState<string | null>(null);
  if (!masked) return <>{t('workforce.common.none')}</>;
  return (
    <Space size={6}>
      <span data-testid="worker-mobile">{full ?? masked}</span>
      {!full && can('pii.read') && (
        <Typography.Link onClick={async () => { try { setFull((await workersApi.reveal(id)).mobile ?? masked); } catch (e) { message.error(errorMessage(e)); } }} data-testid="worker-reveal">
          {t('workforce.workers.reveal')}
        </Typography.Link>
      )}
    </Space>
  );
}

export default function WorkerDrawer({ workerId, onClose, onChanged }: { workerId: number | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const writer = can('workforce.write');
  const w = useApi<WorkerView | undefined>(() => (workerId ? workersApi.get(workerId) : Promise.resolve(undefined)), [workerId]);
  const visits = useApi(() => (workerId ? visitsApi.list({ workerId }, 10) : Promise.resolve(undefined)), [workerId]);
  const [assign, setAssign] = useState(false);
  const [edit, setEdit] = useState(false);
  const v = workerId ? w.data : undefined;
  const changed = () => { w.reload(); onChanged(); };
  const positions = [...(v?.positions ?? [])].sort((a, b) => Number(!!a.endOn) - Number(!!b.endOn) || b.startOn.localeCompare(a.startOn));

  return (
    <Drawer
      open={workerId !== null} onClose={onClose} size={680} destroyOnHidden title={v?.name ?? t('workforce.workers.detail')} data-testid="worker-drawer"
      extra={v && writer && <Button onClick={() => setEdit(true)} data-testid="worker-edit">{t('common.edit')}</Button>}
    >
      {w.loading && !v && <Spin style={{ display: 'block', margin: '40px auto' }} />}
      {w.error && <Alert type="error" showIcon title={w.error.message} />}
      {v && (
        <>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('workforce.workers.mobile')}><MobileCell id={v.id} masked={v.mobileMasked} /></Descriptions.Item>
            <Descriptions.Item label={t('workforce.workers.region')}>{v.region.name}</Descriptions.Item>
            <Descriptions.Item label={t('workforce.workers.user')}>{v.user?.username ?? t('workforce.common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('workforce.workers.resident')}>
              {v.resident ? <Link to={`/residents/${v.resident.id}`}>{v.resident.name}</Link> : t('workforce.common.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('workforce.workers.sendingUnit')} span={2}>
              {v.sendingUnitKind ? <Tag>{t(`workforce.sendingUnitKind.${v.sendingUnitKind}`)}</Tag> : null}
              {[v.sendingUnit, v.department?.name].filter(Boolean).join(' · ') || (v.sendingUnitKind ? '' : t('workforce.common.none'))}
            </Descriptions.Item>
            {v.note ? <Descriptions.Item label={t('workforce.workers.note')} span={2}>{v.note}</Descriptions.Item> : null}
          </Descriptions>

          <div style={{ display: 'flex', alignItems: 'center', margin: '20px 0 8px' }}>
            <h4 style={{ flex: 1, margin: 0 }}>{t('workforce.positions.title')}</h4>
            {writer && <Button type="primary" onClick={() => setAssign(true)} data-testid="worker-assign">{t('workforce.positions.assign')}</Button>}
          </div>
          <Table<PositionView>
            rowKey="id" size="small" pagination={false} dataSource={positions}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workforce.positions.empty')} /> }}
            onRow={(p) => ({ 'data-testid': 'position-row', 'data-kind': p.kind, 'data-ended': p.endOn ? 'true' : 'false' } as React.HTMLAttributes<HTMLElement>)}
            columns={[
              { key: 'kind', title: t('workforce.positions.kind'), render: (_, p) => <Tag color={p.endOn ? undefined : KIND_COLORS[p.kind]}>{t(`workforce.kind.${p.kind}`)}{p.isLeader ? ` · ${t('workforce.workers.leader')}` : ''}</Tag> },
              { key: 'place', title: t('workforce.positions.place'), render: (_, p) => [p.region.name, p.building?.name, p.team?.name].filter(Boolean).join(' · ') },
              { key: 'period', title: t('workforce.positions.period'), render: (_, p) => `${p.startOn} ~ ${p.endOn ?? t('workforce.positions.current')}` },
              { key: 'act', title: '', width: 80, render: (_, p) => (writer && !p.endOn ? <EndPosition p={p} onDone={changed} /> : null) },
            ]}
          />

          <h4 style={{ margin: '20px 0 8px' }}>{t('workforce.workers.recentVisits')}</h4>
          {visits.data?.items.length
            ? (
              <Space orientation="vertical" style={{ width: '100%' }} size={4}>
                {visits.data.items.map((x) => (
                  <div key={x.id} style={{ display: 'flex', gap: 8 }}>
                    <span style={{ width: 140 }}>{fmtTime(x.checkInAt)}</span>
                    <span style={{ flex: 1 }}>{x.region.name}</span>
                    {x.checkInOutside && <Tag color="warning">{t('workforce.visits.outside')}</Tag>}
                    <span>{x.durationMinutes !== null ? t('workforce.common.minutes', { n: x.durationMinutes }) : t('workforce.visits.open')}</span>
                  </div>
                ))}
                <Link to={`/workforce/visits?workerId=${v.id}&workerName=${encodeURIComponent(v.name)}`}>{t('workforce.workers.allVisits')}</Link>
              </Space>
            )
            : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workforce.visits.empty')} />}

          <PositionFormModal open={assign} worker={v} onClose={() => setAssign(false)} onSaved={() => { setAssign(false); changed(); }} />
          <WorkerFormModal open={edit} worker={v} onClose={() => setEdit(false)} onSaved={() => { setEdit(false); changed(); }} />
        </>
      )}
    </Drawer>
  );
}
