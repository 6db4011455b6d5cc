import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { usersApi } from '../api/endpoints';
import type { UserView } from '../api/types';
import { ActionModal } from '../regions/ActionModal';

export function ResetPasswordModal({ user, onClose, onDone }: { user: UserView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    await usersApi.resetPassword(user.id, v.password);
    onDone();
  };
  return (
    <ActionModal title={`${t('users.resetPassword')} · ${user.displayName}`} open onClose={onClose} onOk={submit} testId="reset-password-modal">
      <Form form={form} layout="vertical">
        <Form.Item name="password" label={t('users.newPassword')} rules={[{ required: true, min: 8, message: t('auth.tooShort') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
