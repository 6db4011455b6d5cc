// Change password; forced when the account is flagged mustChangePassword.
import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { authApi } from '../api/endpoints';
import { errorMessage } from '../api/useApi';
import { useAuth } from './AuthContext';
import { AuthFrame } from './AuthFrame';

interface Values { oldPassword: string; newPassword: string; confirm: string }

export default function PasswordPage() {
  const { t } = useTranslation();
  const { user, refresh, logout } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  if (user === null) return <Navigate to="/login" replace />;

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      await authApi.changePassword(v.oldPassword, v.newPassword);
      await refresh();
      navigate('/', { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame>
      <Card title={t('auth.changeTitle')} style={{ width: 420 }} extra={<Button type="link" onClick={() => void logout()}>{t('top.logout')}</Button>}>
        {user?.mustChangePassword && <Alert type="warning" showIcon title={t('auth.mustChange')} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={onFinish}>
          <Form.Item name="oldPassword" label={t('auth.oldPassword')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" data-testid="password-old" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('auth.newPassword')} rules={[{ required: true, min: 8, message: t('auth.tooShort') }]}>
            <Input.Password autoComplete="new-password" data-testid="password-new" />
          </Form.Item>
          <Form.Item
            name="confirm" label={t('auth.confirmPassword')} dependencies={['newPassword']}
            rules={[
              { required: true, message: t('auth.passwordRequired') },
              ({ getFieldValue }) => ({
                validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('auth.mismatch')))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="password-submit">{t('common.submit')}</Button>
        </Form>
      </Card>
    </AuthFrame>
  );
}
