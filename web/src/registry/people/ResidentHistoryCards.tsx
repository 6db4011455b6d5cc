// 候鸟时段 (stay periods of a seasonal resident, edited as a whole list) and 迁移记录 (move history).
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Empty, Form, Input, Modal, Space, Table, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MoveView, ResidentDetail, StayView } from '../../api/types';
import { formatTime } from '../../audit/AuditTable';
import { residentsApi } from './api';
import { applyServerErrors } from './formErrors';

export function ResidentStaysCard({ r, writable, onChanged }: { r: ResidentDetail; writable: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  return (
    <Card
      size="small" title={t('people.card.stays')} data-testid="resident-stays"
      extra={writable && r.seasonal && !r.archived ? <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="stays-edit">{t('common.edit')}</Button> : null}
    >
      {!r.seasonal ? <Typography.Text type="secondary">{t('people.stays.notSeasonal')}</Typography.Text> : r.stays.length ? (
        <Table<StayView>
          size="small" rowKey="id" pagination={false} dataSource={r.stays}
          columns={[
            { title: t('people.stays.arriveOn'), dataIndex: 'arriveOn', width: 110 },
            { title: t('people.stays.leaveOn'), dataIndex: 'leaveOn', width: 110, render: (v: string | null) => v ?? <Tag color="green">{t('people.stays.present')}</Tag> },
            { title: t('people.stays.days'), width: 70, align: 'right', render: (_, s) => dayjs(s.leaveOn ?? undefined).diff(dayjs(s.arriveOn), 'day') },
            { title: t('people.field.note'), dataIndex: 'note', render: (v: string) => v || t('common.none') },
          ]}
        />
      ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('people.stays.none')} />}
      {editing && <StaysModal r={r} onClose={() => setEditing(false)} onDone={() => { setEditing(false); onChanged(); }} />}
    </Card>
  );
}

interface StayRow { range: [Dayjs, Dayjs | null]; note?: string }

function StaysModal({ r, onClose, onDone }: { r: ResidentDetail; onClose: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ stays: StayRow[] }>();
  const [saving, setSaving] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setAlert(null);
    try {
      await residentsApi.stays(r.id, (v.stays ?? []).map((s) => ({
        arriveOn: s.range[0].format('YYYY-MM-DD'), leaveOn: s.range[1] ? s.range[1].format('YYYY-MM-DD') : null, note: s.note?.trim() ?? '',
      })));
      onDone();
    } catch (e) {
      setAlert(applyServerErrors(form, e, i18n.language, []));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t('people.stays.editTitle', { name: r.name })} width={640} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} destroyOnHidden maskClosable={false}>
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">{t('people.stays.hint')}</Typography.Paragraph>
      <Form form={form} initialValues={{ stays: r.stays.map((s) => ({ range: [dayjs(s.arriveOn), s.leaveOn ? dayjs(s.leaveOn) : null], note: s.note })) }}>
        <Form.List name="stays">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'range']} rules={[{ required: true, message: t('people.stays.rangeRequired') }]}>
                    <DatePicker.RangePicker allowEmpty={[false, true]} placeholder={[t('people.stays.arriveOn'), t('people.stays.leaveOnOpen')]} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'note']}><Input placeholder={t('people.field.note')} maxLength={100} style={{ width: 180 }} /></Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ range: [dayjs(), null] })} block>{t('people.stays.add')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

const MOVE_COLOR: Record<string, string> = { moveIn: 'green', move: 'blue', moveOut: 'gray', deceased: 'gray', return: 'green' };

export function ResidentMovesCard({ r }: { r: ResidentDetail }) {
  const { t } = useTranslation();
  const place = (p: MoveView['from']) => p.region?.name ?? t('common.none');
  const moves = [...r.moves].reverse();
  return (
    <Card size="small" title={t('people.card.moves')} data-testid="resident-moves">
      {moves.length ? (
        <Timeline
          style={{ marginTop: 8 }}
          items={moves.map((m) => ({
            color: MOVE_COLOR[m.kind] ?? 'blue',
            content: (
              <div data-testid="move-item">
                <Space size={8}>
                  <b>{m.movedOn}</b>
                  <Tag color={MOVE_COLOR[m.kind] === 'gray' ? 'default' : MOVE_COLOR[m.kind]}>{t(`people.moveKind.${m.kind}`, { defaultValue: m.kind })}</Tag>
                </Space>
                <div style={{ color: '#555', marginTop: 2 }}>
                  {m.kind === 'moveIn' ? t('people.moves.into', { to: place(m.to) })
                    : m.kind === 'moveOut' || m.kind === 'deceased' ? t('people.moves.outOf', { from: place(m.from) })
                      : t('people.moves.fromTo', { from: place(m.from), to: place(m.to) })}
                  {m.reason ? `（${t(`people.leftReason.${m.reason}`, { defaultValue: m.reason })}）` : ''}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('people.moves.recorded', { at: formatTime(m.createdAt) })}</Typography.Text>
              </div>
            ),
          }))}
        />
      ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('people.moves.none')} />}
    </Card>
  );
}
