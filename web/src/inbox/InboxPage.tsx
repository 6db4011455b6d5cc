// 消息: the signed-in user's inbox: unread / all, mark one or all read, each item linking to its case.
import { CheckOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Empty, List, Pagination, Segmented, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { InboxItem } from '../../../src/modules/notifications/notifications.views';
import { errorMessage, useApi } from '../api/useApi';
import { inboxApi } from './api';
import { onInboxEvent } from './live';
import { inboxDetails, inboxHeadline, itemTime } from './render';

const PAGE = 20;
type Filter = 'all' | 'unread';

export default function InboxPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState(1);
  const [busy, setBusy] = useState(false);
  const list = useApi(() => inboxApi.list({ unread: filter === 'unread' || undefined, limit: PAGE, offset: (page - 1) * PAGE }), [filter, page]);
  const { reload } = list;
  const shownUnread = list.data?.unread;

  // Live: a new item shows at once on the first page; a count changed elsewhere (another tab) reloads.
  useEffect(
    () =>
      onInboxEvent((e) => {
        if (e.type === 'notification' && page === 1) reload();
        else if (e.type === 'unread' && shownUnread !== undefined && e.unread !== shownUnread) reload();
      }),
    [page, reload, shownUnread],
  );

  const markRead = async (item: InboxItem) => {
    try {
      await inboxApi.read(item.id);
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const markAll = async () => {
    setBusy(true);
    try {
      // From the first page of everything, the newest item is known: later arrivals stay unread.
      const upTo = filter === 'all' && page === 1 ? list.data?.items[0]?.id : undefined;
      await inboxApi.readAll(upTo);
      message.success(t('inbox.markedAll'));
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const items = list.data?.items ?? [];
  return (
    <Card
      title={<Space>{t('inbox.title')}{!!list.data?.unread && <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>{t('inbox.unreadCount', { count: list.data.unread })}</Typography.Text>}</Space>}
      extra={
        <Space>
          <Segmented<Filter>
            value={filter}
            onChange={(v) => { setFilter(v); setPage(1); }}
            options={[{ value: 'all', label: t('inbox.all') }, { value: 'unread', label: t('inbox.unread') }]}
            data-testid="inbox-filter"
          />
          <Button icon={<CheckOutlined />} disabled={!list.data?.unread} loading={busy} onClick={() => void markAll()} data-testid="inbox-read-all">
            {t('inbox.markAllRead')}
          </Button>
        </Space>
      }
      data-testid="inbox-page"
    >
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} action={<Button size="small" onClick={reload}>{t('common.retry')}</Button>} />}
      <List
        loading={list.loading}
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filter === 'unread' ? t('inbox.emptyUnread') : t('inbox.empty')} /> }}
        renderItem={(item) => {
          const unread = !item.readAt;
          const headline = inboxHeadline(t, item);
          return (
            <List.Item
              data-testid="inbox-item"
              data-kind={item.kind}
              data-unread={unread ? 'true' : undefined}
              actions={[
                item.caseId ? (
                  <Link key="case" to={`/cases/${item.caseId}`} onClick={() => unread && void inboxApi.read(item.id).catch(() => undefined)} data-testid="inbox-open-case">
                    {t('inbox.openCase')}
                  </Link>
                ) : null,
                unread ? (
                  <Button key="read" size="small" type="link" onClick={() => void markRead(item)} data-testid="inbox-mark-read">
                    {t('inbox.markRead')}
                  </Button>
                ) : (
                  <Typography.Text key="read" type="secondary">{t('inbox.read')}</Typography.Text>
                ),
              ].filter(Boolean)}
            >
              <List.Item.Meta
                avatar={<Badge status={unread ? 'error' : 'default'} />}
                title={<Typography.Text strong={unread} type={unread ? undefined : 'secondary'} style={unread ? undefined : { fontWeight: 'normal' }}>{headline}</Typography.Text>}
                description={
                  <>
                    {inboxDetails(t, item).map((line) => <div key={line}>{line}</div>)}
                    <div style={{ fontSize: 12, color: '#8c8c8c' }}>{itemTime(item)}</div>
                  </>
                }
              />
            </List.Item>
          );
        }}
      />
      {(list.data?.total ?? 0) > PAGE && (
        <Pagination
          style={{ marginTop: 12, textAlign: 'right' }}
          current={page}
          pageSize={PAGE}
          total={list.data?.total ?? 0}
          onChange={setPage}
          showSizeChanger={false}
          showTotal={(total) => t('common.total', { total })}
        />
      )}
    </Card>
  );
}
