// Sign-in with username or mobile; the server's message (wrong password, locked account) is shown as is.
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { authApi } from '../api/endpoints';
import { errorMessage } from '../api/useApi';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { useAuth } from './AuthContext';
import { AuthFrame } from './AuthFrame';

export default function LoginPage() {
  const { t } = useTranslation();
  const { user, setUser } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (user && !user.mustChangePassword) return <Navigate to={from === '/login' ? '/' : from} replace />;

  const onFinish = async (v: { login: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const { user: u } = await authApi.login(v.login.trim(), v.password);
      setUser(u);
      navigate(u.mustChangePassword ? '/password' : '/', { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame>
      <Card title={t('auth.title')} extra={<LanguageSwitch />} style={{ width: 380 }}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="login" label={t('auth.login')} rules={[{ required: true, message: t('auth.loginRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('auth.submit')}
          </Button>
        </Form>
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 16 }}>{t('app.subtitle')}</Typography.Text>
    </AuthFrame>
  );
}
