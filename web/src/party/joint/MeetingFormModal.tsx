// 联席会议: record a joint meeting (or amend one): title, time, place, who attended (the committee's
// part-time members listed first), the minutes and the items decided with owner and due day.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Form, Input, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionModal } from '../../regions/ActionModal';
import { partyApi, type Attendance, type Decision, type MeetingView } from '../api';
import { day, OrgSelect, ymd } from '../common';

type A = Attendance & { key: number };
type D = Decision & { key: number };

export function MeetingFormModal({ meeting, regionId, defaultOrgId, onClose, onDone }: {
  meeting: MeetingView | null; regionId?: number; defaultOrgId?: number; onClose: () => void; onDone: (m: MeetingView) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [orgId, setOrgId] = useState<number | undefined>(meeting?.org.id ?? defaultOrgId);
  const [attendance, setAttendance] = useState<A[]>((meeting?.attendance ?? []).map((a, i) => ({ ...a, key: i })));
  const [decisions, setDecisions] = useState<D[]>((meeting?.decisions ?? []).map((d, i) => ({ ...d, key: i })));

  // A new meeting starts with the committee's serving part-time members, all marked present.
  useEffect(() => {
    if (meeting || !orgId) return;
    partyApi.jointMembers(orgId).then(
      (r) => setAttendance(r.items.filter((m) => m.current).map((m, i) => ({ key: i, name: m.name, jointMemberId: m.id, present: true, note: m.institution?.name ?? '' }))),
      () => undefined,
    );
  }, [orgId, meeting]);

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      title: v.title.trim(), heldAt: v.heldAt.toISOString(), place: v.place?.trim() ?? '', minutes: v.minutes ?? '',
      attendance: attendance.filter((a) => a.name.trim()).map(({ key: _k, ...a }) => ({ ...a, name: a.name.trim() })),
      decisions: decisions.filter((d) => d.item.trim()).map(({ key: _k, ...d }) => ({ ...d, item: d.item.trim(), owner: d.owner.trim() })),
    };
    onDone(meeting ? await partyApi.updateMeeting(meeting.id, meeting.version, body) : await partyApi.createMeeting({ ...body, orgId: v.orgId }));
  };
  const setA = (key: number, p: Partial<A>) => setAttendance((xs) => xs.map((x) => (x.key === key ? { ...x, ...p } : x)));
  const setD = (key: number, p: Partial<D>) => setDecisions((xs) => xs.map((x) => (x.key === key ? { ...x, ...p } : x)));
  const req = [{ required: true, message: t('party.common.required') }];
  return (
    <ActionModal title={meeting ? `${t('party.joint.editMeeting')} · ${meeting.title}` : t('party.joint.createMeeting')} open onClose={onClose} onOk={submit} width={820} testId="meeting-form">
      <Form form={form} layout="vertical" preserve={false}
        initialValues={meeting ? { ...meeting, heldAt: dayjs(meeting.heldAt), orgId: meeting.org.id } : { orgId: defaultOrgId, heldAt: dayjs().minute(0) }}>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12 }}>
          <Form.Item name="orgId" label={t('party.joint.committee')} rules={req}>
            <OrgSelect regionId={regionId} filter={(o) => o.joint} width="100%" onChange={(id) => setOrgId(id ?? undefined)} testId="meeting-org" />
          </Form.Item>
          <Form.Item name="title" label={t('party.joint.meetingTitle')} rules={[{ required: true, whitespace: true, message: t('party.common.required') }]}><Input maxLength={200} data-testid="meeting-title" /></Form.Item>
          <Form.Item name="heldAt" label={t('party.joint.heldAt')} rules={req}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="place" label={t('party.joint.place')}><Input maxLength={200} /></Form.Item>
        </div>
        <Typography.Text strong>{t('party.joint.attendance')}</Typography.Text>
        <Table<A> size="small" rowKey="key" pagination={false} dataSource={attendance} style={{ margin: '6px 0 4px' }} locale={{ emptyText: t('party.joint.noAttendance') }}
          columns={[
            { title: t('party.joint.name'), width: 160, render: (_, a) => <Input size="small" value={a.name} onChange={(e) => setA(a.key, { name: e.target.value })} /> },
            { title: t('party.joint.present'), width: 70, align: 'center', render: (_, a) => <Checkbox checked={a.present} onChange={(e) => setA(a.key, { present: e.target.checked })} /> },
            { title: t('party.joint.attendNote'), render: (_, a) => <Input size="small" value={a.note ?? ''} onChange={(e) => setA(a.key, { note: e.target.value })} /> },
            { title: '', width: 40, render: (_, a) => <Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => setAttendance((xs) => xs.filter((x) => x.key !== a.key))} /> },
          ]} />
        <Button size="small" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setAttendance((xs) => [...xs, { key: Date.now(), name: '', present: true, note: '' }])}>{t('party.joint.addAttendee')}</Button>
        <Form.Item name="minutes" label={t('party.joint.minutes')}><Input.TextArea rows={4} maxLength={20000} /></Form.Item>
        <Typography.Text strong>{t('party.joint.decisions')}</Typography.Text>
        <Table<D> size="small" rowKey="key" pagination={false} dataSource={decisions} style={{ margin: '6px 0 4px' }} locale={{ emptyText: t('party.joint.noDecisions') }}
          columns={[
            { title: t('party.joint.item'), render: (_, d) => <Input size="small" value={d.item} onChange={(e) => setD(d.key, { item: e.target.value })} /> },
            { title: t('party.joint.owner'), width: 140, render: (_, d) => <Input size="small" value={d.owner} onChange={(e) => setD(d.key, { owner: e.target.value })} /> },
            { title: t('party.joint.dueOn'), width: 140, render: (_, d) => <DatePicker size="small" value={day(d.dueOn ?? null)} onChange={(x) => setD(d.key, { dueOn: ymd(x) })} /> },
            { title: t('party.joint.done'), width: 60, align: 'center', render: (_, d) => <Checkbox checked={d.done} onChange={(e) => setD(d.key, { done: e.target.checked })} /> },
            { title: '', width: 40, render: (_, d) => <Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => setDecisions((xs) => xs.filter((x) => x.key !== d.key))} /> },
          ]} />
        <Space><Button size="small" icon={<PlusOutlined />} onClick={() => setDecisions((xs) => [...xs, { key: Date.now(), item: '', owner: '', dueOn: null, done: false }])}>{t('party.joint.addDecision')}</Button></Space>
      </Form>
    </ActionModal>
  );
}
