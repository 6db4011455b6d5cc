// The header bell: unread badge kept live by the inbox stream, and a popover with the latest items.
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Popover, Space, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { InboxItem } from '../../../src/modules/notifications/notifications.views';
import { inboxApi } from './api';
import { onInboxEvent, useInboxStream } from './live';
import { inboxDetails, inboxHeadline, itemLink, itemTime } from './render';

const LATEST = 6;

export function InboxBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [unread, setUnread] = useState(0);
  const [latest, setLatest] = useState<InboxItem[]>([]);
  const [open, setOpen] = useState(false);
  const connected = useInboxStream();

  const load = useCallback(() => {
    inboxApi.list({ limit: LATEST }).then(
      (p) => {
        setLatest(p.items);
        setUnread(p.unread);
      },
      () => undefined,
    );
  }, []);

  useEffect(() => {
    load();
    return onInboxEvent((e) => {
      if (e.type === 'unread') setUnread(e.unread);
      else if (e.type === 'notification') setLatest((l) => [e.item, ...l.filter((x) => x.id !== e.item.id)].slice(0, LATEST));
      // Items that came while the stream was down.
      else load();
    });
  }, [load]);

  const openItem = (item: InboxItem) => {
    setOpen(false);
    if (!item.readAt) {
      inboxApi.read(item.id).then(
        (r) => setLatest((l) => l.map((x) => (x.id === item.id ? r.item : x))),
        () => undefined,
      );
    }
    navigate(itemLink(item));
  };

  const readAll = async () => {
    try {
      await inboxApi.readAll(latest[0]?.id);
      load();
    } catch {
      // the badge stays as it was; the inbox page shows errors
    }
  };

  const content = (
    <div style={{ width: 340 }} data-testid="inbox-popover">
      {latest.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.empty')} />
      ) : (
        <div style={{ maxHeight: 380, overflow: 'auto' }}>
          {latest.map((item) => {
            const details = inboxDetails(t, item);
            return (
              <div
                key={item.id}
                role="button"
                tabIndex={0}
                onClick={() => openItem(item)}
                onKeyDown={(e) => e.key === 'Enter' && openItem(item)}
                style={{ padding: '8px 4px', borderBottom: '1px solid #f0f0f0', cursor: 'pointer' }}
                data-testid="inbox-popover-item"
                data-unread={item.readAt ? undefined : 'true'}
              >
                <Space align="start" size={6}>
                  <Badge status={item.readAt ? 'default' : 'error'} />
                  <div>
                    <Typography.Text strong={!item.readAt}>{inboxHeadline(t, item)}</Typography.Text>
                    {details[0] && <div style={{ fontSize: 12, color: '#595959' }}>{details[0]}</div>}
                    <div style={{ fontSize: 12, color: '#8c8c8c' }}>{itemTime(item)}</div>
                  </div>
                </Space>
              </div>
            );
          })}
        </div>
      )}
      <div style={{ display: 'flex', justifyContent: 'space-between', paddingTop: 8 }}>
        <Button size="small" type="link" disabled={unread === 0} onClick={() => void readAll()} data-testid="inbox-popover-read-all">
          {t('inbox.markAllRead')}
        </Button>
        <Button size="small" type="link" onClick={() => { setOpen(false); navigate('/inbox'); }} data-testid="inbox-popover-all">
          {t('inbox.viewAll')}
        </Button>
      </div>
    </div>
  );

  return (
    <Popover content={content} title={t('inbox.latest')} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      <Tooltip title={connected ? t('inbox.bell') : t('inbox.reconnecting')}>
        <span style={{ cursor: 'pointer', display: 'inline-flex', alignItems: 'center', lineHeight: 1 }} data-testid="inbox-bell" aria-label={t('inbox.bell')}>
          <Badge count={unread} size="small" overflowCount={99} data-testid="inbox-badge">
            <BellOutlined style={{ fontSize: 18, color: connected ? '#fff' : 'rgba(255,255,255,.6)' }} />
          </Badge>
        </span>
      </Tooltip>
    </Popover>
  );
}
