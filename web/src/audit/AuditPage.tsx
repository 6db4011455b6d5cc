// The audit log: filter by entity, actor and time; verify the hash chain.
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, List, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditApi } from '../api/endpoints';
import type { AuditQuery, VerifyResult } from '../api/types';
import { errorMessage, useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { entityLabel } from '../i18n/names';
import { ErrorResult } from '../shell/ErrorResult';
import { AuditTable } from './AuditTable';

const ENTITY_TYPES = ['region', 'user', 'department', 'session'];
const PAGE = 20;

interface Filters { entityType?: string; entityId?: string; actorId?: number; range?: [Dayjs | null, Dayjs | null] | null }

export default function AuditPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const [query, setQuery] = useState<AuditQuery>({});
  const [page, setPage] = useState(1);
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<VerifyResult>();
  const list = useApi(() => auditApi.list({ ...query, limit: PAGE, offset: (page - 1) * PAGE }), [query, page]);

  const apply = (f: Filters) => {
    setPage(1);
    setQuery({
      entityType: f.entityType || undefined,
      entityId: f.entityId?.trim() || undefined,
      actorId: f.actorId ?? undefined,
      from: f.range?.[0]?.startOf('day').toISOString(),
      to: f.range?.[1]?.endOf('day').toISOString(),
    });
  };
  const runVerify = async () => {
    setVerifying(true);
    try { setVerify(await auditApi.verify()); } catch (e) { message.error(errorMessage(e)); } finally { setVerifying(false); }
  };

  if (list.error && list.error.status >= 401 && list.error.status !== 422) return <ErrorResult error={list.error} onRetry={list.reload} />;
  return (
    <Card
      title={t('audit.title')}
      extra={can('audit.verify') && (
        <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void runVerify()} data-testid="audit-verify">{t('audit.verify')}</Button>
      )}
    >
      {verify && (
        <Alert
          style={{ marginBottom: 12 }} showIcon closable={{ onClose: () => setVerify(undefined) }} data-testid="audit-verify-result"
          type={verify.ok ? 'success' : 'error'}
          title={verify.ok ? t('audit.verifyOk', { checked: verify.checked }) : t('audit.verifyBad', { checked: verify.checked, count: verify.problems.length })}
          description={verify.problems.length > 0 && (
            <List size="small" dataSource={verify.problems} renderItem={(p) => <List.Item>#{p.id} · {t(`audit.problem.${p.kind}`)} · {p.message}</List.Item>} />
          )}
        />
      )}
      <Form<Filters> layout="inline" onFinish={apply} style={{ marginBottom: 12, rowGap: 8 }} data-testid="audit-filters">
        <Form.Item name="entityType" label={t('audit.entityType')}>
          <Select allowClear style={{ width: 130 }} options={ENTITY_TYPES.map((e) => ({ value: e, label: entityLabel(t, e) }))} />
        </Form.Item>
        <Form.Item name="entityId" label={t('audit.entityId')}><Input allowClear style={{ width: 110 }} /></Form.Item>
        <Form.Item name="actorId" label={t('audit.actorId')}><InputNumber min={1} style={{ width: 110 }} /></Form.Item>
        <Form.Item name="range" label={t('audit.range')}><DatePicker.RangePicker allowEmpty={[true, true]} /></Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">{t('common.search')}</Button>
            <Button htmlType="reset" onClick={() => { setQuery({}); setPage(1); }}>{t('common.reset')}</Button>
          </Space>
        </Form.Item>
      </Form>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      <AuditTable
        items={list.data?.items ?? []} loading={list.loading}
        pagination={{ current: page, pageSize: PAGE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (total) => t('common.total', { total }) }}
      />
    </Card>
  );
}
