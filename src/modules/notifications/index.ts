// Notifications: everyone's inbox (with unread counts, pushed live over server-sent events) and
// outbound channels (SMS, WeChat) behind an interface. Other modules use only these.
export { notificationRoutes } from './notifications.routes.ts';
export { notify, type Notification } from './notifications.service.ts';
export {
  sendOutbound,
  setOutboundChannel,
  outboundChannel,
  loggingChannel,
  type OutboundChannel,
  type OutboundChannelName,
  type OutboundMessage,
  type OutboundResult,
  type OutboundStatus,
} from './notifications.outbound.ts';
export { INBOX_KINDS } from './notifications.views.ts';
export type * from './notifications.views.ts';
