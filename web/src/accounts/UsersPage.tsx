// User administration: search, table, create/edit, reset password, unlock.
import { App, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usersApi } from '../api/endpoints';
import type { UserView } from '../api/types';
import { errorMessage, useApi } from '../api/useApi';
import { roleLabel } from '../i18n/names';
import { ErrorResult } from '../shell/ErrorResult';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal } from './UserFormModal';

const PAGE = 20;

export default function UsersPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<UserView | 'new' | null>(null);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const list = useApi(() => usersApi.list({ q: q || undefined, limit: PAGE, offset: (page - 1) * PAGE }), [q, page]);

  const isLocked = (u: UserView) => !!u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs());
  const unlock = (u: UserView) => modal.confirm({
    title: t('users.unlockConfirm', { name: u.displayName }),
    onOk: async () => {
      try { await usersApi.unlock(u.id); message.success(t('common.success')); list.reload(); } catch (e) { message.error(errorMessage(e)); }
    },
  });
  const toggleStatus = async (u: UserView) => {
    try {
      await usersApi.update(u.id, { status: u.status === 'active' ? 'disabled' : 'active' });
      message.success(t('common.success'));
      list.reload();
    } catch (e) { message.error(errorMessage(e)); }
  };

  if (list.error && list.error.status !== 400) return <ErrorResult error={list.error} onRetry={list.reload} />;
  return (
    <Card
      title={t('users.title')}
      extra={<Button type="primary" onClick={() => setEditing('new')} data-testid="user-create">{t('users.create')}</Button>}
    >
      <Space style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('users.queryPlaceholder')} onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ width: 280 }} data-testid="user-query" />
      </Space>
      <Table<UserView>
        size="small" rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []} data-testid="users-table" scroll={{ x: 1300 }}
        pagination={{ current: page, pageSize: PAGE, total: list.data?.total ?? 0, onChange: setPage, showTotal: (total) => t('common.total', { total }), showSizeChanger: false }}
        columns={[
          { title: t('users.username'), dataIndex: 'username', width: 130 },
          { title: t('users.displayName'), dataIndex: 'displayName', width: 110 },
          { title: t('users.mobile'), dataIndex: 'mobileMasked', width: 130, render: (v: string | null) => v ?? t('common.none') },
          { title: t('users.roles'), dataIndex: 'roles', width: 220, render: (rs: string[]) => rs.map((r) => <Tag key={r} color="red">{roleLabel(t, r)}</Tag>) },
          { title: t('users.scope'), width: 140, render: (_, u) => u.scopeRegion?.name ?? t('users.scopeAll') },
          { title: t('users.department'), width: 120, render: (_, u) => u.department?.name ?? t('common.none') },
          {
            title: t('users.status'), width: 110,
            render: (_, u) => (
              <Space size={2}>
                <Tag color={u.status === 'active' ? 'success' : 'default'}>{t(`users.${u.status}`)}</Tag>
                {u.mustChangePassword && <Tag color="warning">{t('users.mustChange')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('users.locked'), width: 150,
            render: (_, u) => (isLocked(u) ? <Tag color="error">{t('users.lockedUntil', { time: dayjs(u.lockedUntil).format('MM-DD HH:mm') })}</Tag> : <Typography.Text type="secondary">{t('users.unlocked')}</Typography.Text>),
          },
          {
            title: t('common.actions'), width: 230, fixed: 'right',
            render: (_, u) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setEditing(u)}>{t('common.edit')}</Button>
                <Button type="link" size="small" onClick={() => setResetting(u)}>{t('users.resetPassword')}</Button>
                {isLocked(u) && <Button type="link" size="small" onClick={() => unlock(u)} data-testid="user-unlock">{t('users.unlock')}</Button>}
                <Button type="link" size="small" danger={u.status === 'active'} onClick={() => void toggleStatus(u)}>
                  {u.status === 'active' ? t('users.disable') : t('users.enable')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && <UserFormModal user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onDone={() => { setEditing(null); message.success(t('common.success')); list.reload(); }} />}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} onDone={() => { setResetting(null); message.success(t('common.success')); list.reload(); }} />}
    </Card>
  );
}
