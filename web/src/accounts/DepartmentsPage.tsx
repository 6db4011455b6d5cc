// Departments that handle cases, each with the region it serves.
import { App, Button, Card, Form, Input, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { departmentsApi } from '../api/endpoints';
import type { Department } from '../api/types';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { ActionModal } from '../regions/ActionModal';
import { RegionPicker } from '../regions/RegionPicker';
import { ErrorResult } from '../shell/ErrorResult';

export default function DepartmentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const list = useApi(() => departmentsApi.list(), []);
  if (list.error) return <ErrorResult error={list.error} onRetry={list.reload} />;
  const canManage = can('departments.manage');
  return (
    <Card title={t('departments.title')} extra={canManage && <Button type="primary" onClick={() => setEditing('new')} data-testid="department-create">{t('departments.create')}</Button>}>
      <Table<Department>
        size="small" rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []} data-testid="departments-table"
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        columns={[
          { title: t('departments.code'), dataIndex: 'code', width: 160 },
          { title: t('departments.name'), dataIndex: 'name' },
          { title: t('departments.serviceArea'), render: (_, d) => d.serviceArea?.name ?? t('common.none') },
          ...(canManage ? [{ title: t('common.actions'), width: 90, render: (_: unknown, d: Department) => <Button type="link" size="small" onClick={() => setEditing(d)}>{t('common.edit')}</Button> }] : []),
        ]}
      />
      {editing && (
        <DepartmentFormModal
          department={editing === 'new' ? null : editing} onClose={() => setEditing(null)}
          onDone={() => { setEditing(null); message.success(t('common.success')); list.reload(); }}
        />
      )}
    </Card>
  );
}

interface Values { code: string; name: string; serviceAreaId: number }

function DepartmentFormModal({ department, onClose, onDone }: { department: Department | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const submit = async () => {
    const v = await form.validateFields();
    if (department) await departmentsApi.update(department.id, { name: v.name.trim(), serviceAreaId: v.serviceAreaId });
    else await departmentsApi.create({ code: v.code.trim(), name: v.name.trim(), serviceAreaId: v.serviceAreaId });
    onDone();
  };
  return (
    <ActionModal title={department ? t('departments.edit') : t('departments.create')} open onClose={onClose} onOk={submit} testId="department-form-modal">
      <Form form={form} layout="vertical" initialValues={department ? { code: department.code, name: department.name, serviceAreaId: department.serviceArea?.id } : {}}>
        <Form.Item name="code" label={t('departments.code')} rules={[{ required: true, whitespace: true, message: t('departments.codeRequired') }]}>
          <Input disabled={!!department} />
        </Form.Item>
        <Form.Item name="name" label={t('departments.name')} rules={[{ required: true, whitespace: true, message: t('departments.nameRequired') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="serviceAreaId" label={t('departments.serviceArea')} rules={[{ required: true, message: t('departments.areaRequired') }]}>
          <RegionPicker initial={department?.serviceArea ?? null} allowClear={false} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
