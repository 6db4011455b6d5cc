// 成员: the members of a community team or an owners' committee, edited as a whole list and
// saved at once (PUT replaces the list; the server keeps at most one leader).
import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Drawer, Select, Skeleton, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { MEMBER_ROLES } from '../../api/types';
import { errorMessage, useApi } from '../../api/useApi';
import { placesApi } from './api';

interface Row { residentId: number; name: string; idNumber: string; role: string; joinedOn: string | null }

function ResidentSearch({ onPick, exclude }: { onPick: (r: { id: number; name: string; idNumberMasked: string }) => void; exclude: number[] }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const hits = useApi(() => (q ? placesApi.residents(q) : Promise.resolve({ items: [] })), [q]);
  const items = (hits.data?.items ?? []).filter((r) => !exclude.includes(r.id));
  return (
    <Select value={null} style={{ width: 320 }} placeholder={t('places.memberSearch')} showSearch={{ filterOption: false, onSearch: setQ }} loading={hits.loading}
      options={items.map((r) => ({ value: r.id, label: `${r.name}　${r.idNumberMasked}　${r.address}` }))} data-testid="member-search"
      onChange={(id: number) => { const r = items.find((x) => x.id === id); if (r) onPick(r); }} />
  );
}

export function MembersDrawer({ orgId, canWrite, onClose, onSaved }: { orgId: number | null; canWrite: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const org = useApi(() => (orgId ? placesApi.organization(orgId) : Promise.resolve(undefined)), [orgId]);
  const [rows, setRows] = useState<Row[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (org.data) setRows(org.data.members.map((m) => ({ residentId: m.residentId, name: m.name, idNumber: m.idNumber, role: m.role, joinedOn: m.joinedOn })));
  }, [org.data]);
  const set = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const save = async () => {
    if (!orgId) return;
    setBusy(true);
    try {
      await placesApi.setMembers(orgId, rows.map((r) => ({ residentId: r.residentId, role: r.role, joinedOn: r.joinedOn })));
      message.success(t('common.success'));
      onSaved();
      org.reload();
    } catch (e) { message.error(errorMessage(e)); } finally { setBusy(false); }
  };
  const o = org.data && org.data.id === orgId ? org.data : undefined;
  return (
    <Drawer open={orgId !== null} onClose={onClose} size={680} destroyOnHidden title={o ? `${t('places.members')} · ${o.name}` : t('common.loading')} data-testid="members-drawer"
      extra={canWrite && <Button type="primary" loading={busy} onClick={() => void save()} data-testid="members-save">{t('common.save')}</Button>}>
      {!o ? <Skeleton active /> : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {canWrite && (
            <Space>
              <Typography.Text>{t('places.addMember')}</Typography.Text>
              <ResidentSearch exclude={rows.map((r) => r.residentId)} onPick={(r) => setRows((rs) => [...rs, { residentId: r.id, name: r.name, idNumber: r.idNumberMasked, role: 'member', joinedOn: dayjs().format('YYYY-MM-DD') }])} />
            </Space>
          )}
          <Table<Row> size="small" rowKey="residentId" pagination={false} dataSource={rows} data-testid="members-table" columns={[
            { title: t('housing.personName'), dataIndex: 'name', render: (v: string, r) => <Link to={`/residents/${r.residentId}`}>{v}</Link> },
            { title: t('housing.idNumber'), dataIndex: 'idNumber', render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
            {
              title: t('places.role'), dataIndex: 'role', width: 120, render: (v: string, _, i) => (canWrite
                ? <Select size="small" value={v} style={{ width: 100 }} onChange={(role: string) => set(i, { role })} options={Object.entries(MEMBER_ROLES).map(([value, label]) => ({ value, label }))} />
                : MEMBER_ROLES[v as keyof typeof MEMBER_ROLES] ?? v),
            },
            {
              title: t('places.joinedOn'), dataIndex: 'joinedOn', width: 150, render: (v: string | null, _, i) => (canWrite
                ? <DatePicker size="small" value={v ? dayjs(v) : null} onChange={(d) => set(i, { joinedOn: d ? d.format('YYYY-MM-DD') : null })} />
                : v ?? t('common.none')),
            },
            ...(canWrite ? [{ title: '', width: 40, render: (_: unknown, __: Row, i: number) => <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))} /> }] : []),
          ]} />
        </Space>
      )}
    </Drawer>
  );
}
