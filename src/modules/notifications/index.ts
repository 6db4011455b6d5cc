// Notifications: everyone's inbox (with unread counts, pushed live over server-sent events) and
// outbound channels (SMS, WeChat) behind an interface. Other modules use only these.
export { notificationRoutes } from './notifications.routes.ts';
