// 驻村(社区)团队: each team with its community, sending unit, fixed visit day, leader and members,
// and its problems (fewer than 3 members, no leader) in red; create, edit, add members, end.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { DepartmentSelect } from '../cases/common/selects';
import { RegionPicker } from '../regions/RegionPicker';
import { teamsApi, type StationedTeamView } from './api';
import { Field, ScopePicker, useBi, type RegionChoice } from './common';
import PositionFormModal from './PositionFormModal';
import { DAY } from './time';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

interface TeamValues { name: string; regionId: number; sendingUnit?: string; departmentId?: number; fixedWeekday: number; startOn: Dayjs }

function TeamFormModal({ open, team, onClose, onSaved }: { open: boolean; team: StationedTeamView | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TeamValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: TeamValues) => {
    setSaving(true);
    setError(null);
    try {
      const fields = { name: v.name.trim(), sendingUnit: v.sendingUnit?.trim() ?? '', fixedWeekday: v.fixedWeekday, startOn: v.startOn.format(DAY) };
      // A team stays in its community: the update carries no region.
      if (team) await teamsApi.update(team.id, team.version, { ...fields, departmentId: v.departmentId ?? null });
      else await teamsApi.create({ ...fields, regionId: v.regionId, departmentId: v.departmentId });
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open} onCancel={onClose} destroyOnHidden confirmLoading={saving} okText={t('common.save')} onOk={() => form.submit()} width={520}
      title={t(team ? 'workforce.stationed.editTitle' : 'workforce.stationed.createTitle')} okButtonProps={{ 'data-testid': 'team-form-submit' } as never} data-testid="team-form"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<TeamValues>
        form={form} layout="vertical" preserve={false} onFinish={(v) => void submit(v)}
        initialValues={team
          ? { name: team.name, regionId: team.region.id, sendingUnit: team.sendingUnit, departmentId: team.department?.id, fixedWeekday: team.fixedWeekday, startOn: dayjs(team.startOn) }
          : { fixedWeekday: 2, startOn: dayjs() }}
      >
        <Form.Item name="name" label={t('workforce.stationed.name')} rules={[{ required: true, whitespace: true, message: t('workforce.stationed.nameRequired') }]}>
          <Input maxLength={60} data-testid="team-form-name" />
        </Form.Item>
        {team ? (
          <Form.Item label={t('workforce.stationed.region')}><Input value={team.region.name} disabled /></Form.Item>
        ) : (
          <Form.Item name="regionId" label={t('workforce.stationed.region')} rules={[{ required: true, message: t('workforce.stationed.regionRequired') }]}>
            <RegionPicker level={4} allowClear={false} testId="team-form-region" />
          </Form.Item>
        )}
        <Form.Item name="sendingUnit" label={t('workforce.stationed.sendingUnit')}>
          <Input maxLength={80} data-testid="team-form-unit" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('workforce.workers.department')}>
          <DepartmentSelect allowClear />
        </Form.Item>
        <Space size={16}>
          <Form.Item name="fixedWeekday" label={t('workforce.stationed.fixedWeekday')} extra={t('workforce.stationed.fixedHint')}>
            <Select style={{ width: 140 }} options={WEEKDAYS.map((d) => ({ value: d, label: t(`workforce.weekday.${d}`) }))} />
          </Form.Item>
          <Form.Item name="startOn" label={t('workforce.positions.startOn')} rules={[{ required: true }]}>
            <DatePicker allowClear={false} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

export default function StationedTeams() {
  const { t } = useTranslation();
  const bi = useBi();
  const { message } = App.useApp();
  const { can } = useAuth();
  const writer = can('workforce.write');
  const [region, setRegion] = useState<RegionChoice | null>(null);
  const [showEnded, setShowEnded] = useState(false);
  const [form, setForm] = useState<{ team: StationedTeamView | null } | null>(null);
  const [adding, setAdding] = useState<StationedTeamView | null>(null);
  const list = useApi(() => teamsApi.list(region?.id, showEnded || undefined), [region?.id, showEnded]);
  const items = list.data?.items ?? [];

  const columns: ColumnsType<StationedTeamView> = [
    { key: 'name', title: t('workforce.stationed.name'), width: 170, render: (_, x) => <span data-testid="stationed-name">{x.name}{x.endOn && <Tag style={{ marginInlineStart: 6 }}>{t('workforce.stationed.ended')}</Tag>}</span> },
    { key: 'region', title: t('workforce.stationed.region'), width: 100, render: (_, x) => x.region.name },
    { key: 'unit', title: t('workforce.stationed.sendingUnit'), width: 120, render: (_, x) => [x.sendingUnit, x.department?.name].filter(Boolean).join(' · ') || t('workforce.common.none') },
    { key: 'day', title: t('workforce.stationed.fixedWeekday'), width: 76, render: (_, x) => t(`workforce.weekday.${x.fixedWeekday}`) },
    { key: 'leader', title: t('workforce.workers.leader'), width: 90, render: (_, x) => x.leader?.name ?? <Tag color="error">{t('workforce.teams.missing')}</Tag> },
    {
      key: 'members', title: t('workforce.stationed.members'), width: 170,
      render: (_, x) => (
        <Space size={[0, 4]} wrap>
          <span style={{ marginInlineEnd: 6 }}>{t('workforce.stationed.memberCount', { n: x.members.length })}</span>
          {x.members.map((m) => <Tag key={m.positionId} color={m.workerId === x.leader?.workerId ? 'gold' : undefined}>{m.name}</Tag>)}
        </Space>
      ),
    },
    {
      key: 'problems', title: t('workforce.stationed.problems'), width: 180,
      render: (_, x) => (x.problems.length
        ? <Space size={[0, 4]} wrap>{x.problems.map((p, i) => <Tag key={i} color="error" style={{ whiteSpace: 'normal' }} data-testid="stationed-problem">{bi(p)}</Tag>)}</Space>
        : <Tag color="success">{t('workforce.stationed.ok')}</Tag>),
    },
    ...(writer ? [{
      key: 'act', title: t('common.actions'), width: 210,
      render: (_: unknown, x: StationedTeamView) => (x.endOn ? null : (
        <Space size={4}>
          <Button size="small" onClick={() => setAdding(x)} data-testid="stationed-add-member">{t('workforce.stationed.addMember')}</Button>
          <Button size="small" onClick={() => setForm({ team: x })}>{t('common.edit')}</Button>
          <Popconfirm
            title={t('workforce.stationed.endConfirm')} okButtonProps={{ danger: true }}
            onConfirm={async () => {
              try {
                await teamsApi.end(x.id, x.version, dayjs().format(DAY));
                list.reload();
              } catch (e) {
                message.error(errorMessage(e));
              }
            }}
          >
            <Button size="small" danger>{t('workforce.stationed.end')}</Button>
          </Popconfirm>
        </Space>
      )),
    }] : []),
  ];

  return (
    <>
      <Space wrap size={[16, 8]} style={{ marginBottom: 12 }}>
        <Field label={t('workforce.common.region')}><ScopePicker value={region} onChange={setRegion} testId="stationed-region" /></Field>
        <Space size={6}><Switch checked={showEnded} onChange={setShowEnded} />{t('workforce.stationed.showEnded')}</Space>
        {writer && <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ team: null })} data-testid="stationed-create">{t('workforce.stationed.create')}</Button>}
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      <Table<StationedTeamView>
        rowKey="id" size="middle" columns={columns} dataSource={items} loading={list.loading} scroll={{ x: 1110 }}
        rowClassName={(x) => (x.problems.length && !x.endOn ? 'wf-gap-row' : '')}
        onRow={(x) => ({ 'data-testid': 'stationed-row', 'data-id': x.id, 'data-problems': x.problems.length } as React.HTMLAttributes<HTMLElement>)}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      />
      <style>{'.wf-gap-row > td { background: #fffafa !important; } .wf-gap-row > td:first-child { box-shadow: inset 3px 0 0 #f5222d; }'}</style>
      <TeamFormModal open={!!form} team={form?.team ?? null} onClose={() => setForm(null)} onSaved={() => { setForm(null); list.reload(); }} />
      <PositionFormModal open={!!adding} team={adding} onClose={() => setAdding(null)} onSaved={() => { setAdding(null); list.reload(); }} />
    </>
  );
}
