// 基本信息: masked ID number and mobile; with `pii.read` the full values can be shown once confirmed,
// and the server records the view in the audit log (who saw whose data).
import { EyeInvisibleOutlined, EyeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResidentDetail, ResidentPii } from '../../api/types';
import { errorMessage } from '../../api/useApi';
import { formatTime } from '../../audit/AuditTable';
import { useAuth } from '../../auth/AuthContext';
import { residentsApi } from './api';
import { mono } from './ResidentTags';

export function ResidentBasicCard({ r }: { r: ResidentDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [pii, setPii] = useState<ResidentPii | null>(null);
  const [loading, setLoading] = useState(false);

  const reveal = async () => {
    setLoading(true);
    try {
      setPii(await residentsApi.pii(r.id));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };

  const revealButton = can('pii.read') ? (
    pii ? (
      <Button size="small" icon={<EyeInvisibleOutlined />} onClick={() => setPii(null)} data-testid="pii-hide">{t('people.pii.hide')}</Button>
    ) : (
      <Popconfirm
        title={t('people.pii.confirmTitle')} description={<div style={{ maxWidth: 260 }}>{t('people.pii.confirm')}</div>}
        onConfirm={() => void reveal()} okText={t('people.pii.show')} okButtonProps={{ 'data-testid': 'pii-confirm' } as never}
      >
        <Button size="small" type="primary" ghost icon={<EyeOutlined />} loading={loading} data-testid="pii-reveal">{t('people.pii.show')}</Button>
      </Popconfirm>
    )
  ) : null;

  return (
    <Card size="small" title={t('people.card.basic')} extra={revealButton} data-testid="resident-basic">
      {pii && (
        <Alert
          type="warning" showIcon icon={<SafetyCertificateOutlined />} style={{ marginBottom: 8, padding: '4px 10px' }}
          title={t('people.pii.audited')} data-testid="pii-notice"
        />
      )}
      <Descriptions size="small" bordered column={2} styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={t('people.field.idType')}>{t(`people.idType.${r.idType}`, { defaultValue: r.idType })}</Descriptions.Item>
        <Descriptions.Item label={t('people.field.idNumber')}>
          <span style={mono} data-testid="resident-id-number">{pii ? pii.idNumber : r.idNumberMasked}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('people.field.mobile')}>
          <span style={mono} data-testid="resident-mobile">{(pii ? pii.mobile : r.mobileMasked) ?? t('common.none')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('people.field.birthDate')}>{r.birthDate}</Descriptions.Item>
        <Descriptions.Item label={t('people.field.ethnicity')}>{r.ethnicity}</Descriptions.Item>
        <Descriptions.Item label={t('people.field.politicalStatus')}>{t(`people.politicalStatus.${r.politicalStatus}`, { defaultValue: r.politicalStatus })}</Descriptions.Item>
        <Descriptions.Item label={t('people.field.employer')} span={2}>{r.employer || t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('people.field.note')} span={2}>{r.note || t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('people.field.updatedAt')} span={2}>
          <Space size={16}>
            <span>{formatTime(r.updatedAt)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('people.field.createdAt')} {formatTime(r.createdAt)}</Typography.Text>
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {!can('pii.read') && <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 6 }} data-testid="pii-masked-note">{t('people.pii.maskedNote')}</Typography.Text>}
    </Card>
  );
}
