// Centered frame with the product name for the sign-in and password pages.
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function AuthFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}>
      <Typography.Title level={2} style={{ color: '#b71c1c', marginBottom: 24 }}>{t('app.product')}</Typography.Title>
      {children}
    </div>
  );
}
