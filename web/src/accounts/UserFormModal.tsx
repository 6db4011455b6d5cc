// Create or edit a user: identity, roles, scope region and department.
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { departmentsApi, usersApi } from '../api/endpoints';
import { ROLES, type UserView } from '../api/types';
import { useApi } from '../api/useApi';
import { roleLabel } from '../i18n/names';
import { ActionModal } from '../regions/ActionModal';
import { RegionPicker } from '../regions/RegionPicker';

interface Values {
  username: string; displayName: string; mobile?: string; password?: string;
  roles: string[]; scopeRegionId: number | null; departmentId?: number | null;
}

export function UserFormModal({ user, onClose, onDone }: { user: UserView | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const departments = useApi(() => departmentsApi.list(), []);
  const initial: Partial<Values> = user
    ? { username: user.username, displayName: user.displayName, roles: user.roles, scopeRegionId: user.scopeRegion?.id ?? null, departmentId: user.department?.id ?? null }
    : { roles: [], scopeRegionId: null };

  const submit = async () => {
    const v = await form.validateFields();
    const mobile = v.mobile?.trim() || undefined;
    if (user) {
      await usersApi.update(user.id, {
        displayName: v.displayName.trim(), roles: v.roles, scopeRegionId: v.scopeRegionId ?? null,
        ...(v.departmentId ? { departmentId: v.departmentId } : user.department ? { departmentId: null } : {}),
        ...(mobile ? { mobile } : {}),
      });
    } else {
      await usersApi.create({
        username: v.username.trim(), displayName: v.displayName.trim(), mobile, password: v.password ?? '',
        roles: v.roles, scopeRegionId: v.scopeRegionId ?? null, ...(v.departmentId ? { departmentId: v.departmentId } : {}),
      });
    }
    onDone();
  };

  return (
    <ActionModal title={user ? t('users.edit') : t('users.create')} open onClose={onClose} onOk={submit} width={560} testId="user-form-modal">
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="username" label={t('users.username')} rules={[{ required: true, whitespace: true, message: t('users.usernameRequired') }]}>
          <Input disabled={!!user} autoComplete="off" data-testid="user-form-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}>
          <Input data-testid="user-form-display-name" />
        </Form.Item>
        <Form.Item name="mobile" label={t('users.mobile')} extra={user ? `${user.mobileMasked ?? ''} ${t('users.mobileKeep')}` : undefined}>
          <Input maxLength={11} data-testid="user-form-mobile" />
        </Form.Item>
        {!user && (
          <Form.Item name="password" label={t('users.password')} rules={[{ required: true, min: 8, message: t('auth.tooShort') }]}>
            <Input.Password autoComplete="new-password" data-testid="user-form-password" />
          </Form.Item>
        )}
        <Form.Item name="roles" label={t('users.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))} data-testid="user-form-roles" />
        </Form.Item>
        <Form.Item name="scopeRegionId" label={t('users.scope')}>
          <RegionPicker initial={user?.scopeRegion ?? null} placeholder={t('users.scopeAll')} testId="user-form-scope" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('users.department')}>
          <Select
            allowClear loading={departments.loading}
            options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
