// 特殊人群类别 settings: the city-wide care-group list (codes stay; names, order and active change).
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CareGroupView } from '../../api/types';
import { errorMessage, useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { ErrorResult } from '../../shell/ErrorResult';
import { careGroupsApi } from './api';
import { invalidateCareGroups } from './careGroups';

export default function CareGroupsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const list = useApi(() => careGroupsApi.list(), []);
  const [editing, setEditing] = useState<CareGroupView | 'new' | null>(null);
  const writable = can('settings.write');
  const changed = () => { invalidateCareGroups(); list.reload(); };

  const toggle = async (g: CareGroupView, active: boolean) => {
    try { await careGroupsApi.update(g.code, { active }); message.success(t('common.success')); changed(); } catch (e) { message.error(errorMessage(e)); }
  };

  if (list.error) return <ErrorResult error={list.error} onRetry={list.reload} />;
  const items = [...(list.data?.items ?? [])].sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code));
  return (
    <Card
      size="small" title={t('people.careGroups.title')}
      extra={writable && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="care-group-create">{t('people.careGroups.create')}</Button>}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>{t('people.careGroups.hint')}</Typography.Paragraph>
      <Table<CareGroupView>
        size="small" bordered rowKey="code" loading={list.loading} dataSource={items} pagination={false} data-testid="care-groups-table"
        columns={[
          { title: t('people.careGroups.sort'), dataIndex: 'sort', width: 70, align: 'right' },
          { title: t('common.code'), dataIndex: 'code', width: 200, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: t('people.careGroups.nameZh'), dataIndex: 'nameZh' },
          { title: t('people.careGroups.nameEn'), dataIndex: 'nameEn' },
          {
            title: t('people.careGroups.active'), dataIndex: 'active', width: 100, align: 'center',
            render: (v: boolean, g) => <Switch size="small" checked={v} disabled={!writable} onChange={(c) => void toggle(g, c)} data-testid={`care-group-active-${g.code}`} />,
          },
          ...(writable ? [{
            title: t('common.actions'), width: 90, align: 'center' as const,
            render: (_: unknown, g: CareGroupView) => <Button type="link" size="small" onClick={() => setEditing(g)} data-testid="care-group-edit">{t('people.careGroups.rename')}</Button>,
          }] : []),
        ]}
      />
      {editing && <CareGroupModal group={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onDone={() => { setEditing(null); message.success(t('common.success')); changed(); }} />}
    </Card>
  );
}

function CareGroupModal({ group, onClose, onDone }: { group: CareGroupView | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string; nameZh: string; nameEn: string; sort: number }>();
  const [saving, setSaving] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setAlert(null);
    try {
      if (group) await careGroupsApi.update(group.code, { nameZh: v.nameZh.trim(), nameEn: v.nameEn.trim(), sort: v.sort });
      else await careGroupsApi.create({ code: v.code.trim(), nameZh: v.nameZh.trim(), nameEn: v.nameEn.trim(), sort: v.sort });
      onDone();
    } catch (e) { setAlert(errorMessage(e)); } finally { setSaving(false); }
  };
  return (
    <Modal open title={group ? t('people.careGroups.editTitle', { name: group.nameZh }) : t('people.careGroups.create')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} destroyOnHidden>
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form form={form} labelCol={{ flex: '90px' }} initialValues={group ?? { sort: 100 }}>
        <Form.Item name="code" label={t('common.code')} rules={[{ required: true, pattern: /^[a-z][a-zA-Z0-9]{1,39}$/, message: t('people.careGroups.codeRule') }]} extra={group ? undefined : t('people.careGroups.codeRule')}>
          <Input disabled={!!group} placeholder="elderlyAlone" />
        </Form.Item>
        <Form.Item name="nameZh" label={t('people.careGroups.nameZh')} rules={[{ required: true, whitespace: true }]}><Input maxLength={40} /></Form.Item>
        <Form.Item name="nameEn" label={t('people.careGroups.nameEn')} rules={[{ required: true, whitespace: true }]}><Input maxLength={80} /></Form.Item>
        <Form.Item name="sort" label={t('people.careGroups.sort')}><InputNumber min={0} max={9999} /></Form.Item>
      </Form>
    </Modal>
  );
}
