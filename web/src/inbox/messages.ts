// UI text of the inbox (消息): zh-CN and en with the same keys. `kind.*` has one headline per
// notification kind the server may send (INBOX_KINDS in src/modules/notifications/notifications.views.ts);
// the details under it (title, reason, deadline, by …) come from the notification's params.
import type { InboxKind } from '../../../src/modules/notifications/notifications.views';

type KindTexts = Record<InboxKind, string>;

const kindZh: KindTexts = {
  task: '新任务：事件 {{code}} 已派至本单位',
  returned: '事件 {{code}} 被退回，请重新分派',
  whistle: '吹哨报到：请到事件 {{code}} 报到',
  checkIn: '部门已报到：事件 {{code}}',
  extensionRequested: '事件 {{code}} 申请延期，请审批',
  extensionApproved: '事件 {{code}} 的延期申请已批准',
  extensionRefused: '事件 {{code}} 的延期申请未获批准',
  handled: '事件 {{code}} 已办理完毕，请核查',
  verifyFailed: '事件 {{code}} 核查未通过，请返工',
  verified: '事件 {{code}} 已核查通过，请结案',
  rejected: '您上报的事件 {{code}} 未予立案',
  closed: '事件 {{code}} 已结案',
  feedback: '事件 {{code}} 收到群众评价',
  reopened: '事件 {{code}} 群众不满意，重新办理',
  supervision: '督办：事件 {{code}}',
  warning: '黄灯预警：事件 {{code}} 临近期限',
  overdue: '红灯：事件 {{code}} 已超期',
  shelvedReview: '挂账事件 {{code}} 已到复查日期',
  escalated: '事件 {{code}} 已上报，请处理',
  assistPosted: '协办单位已提交办理情况：事件 {{code}}',
  urgent: '抓紧办：事件 {{code}} 请立即处理',
};

const kindEn: KindTexts = {
  task: 'New task: case {{code}} dispatched to your unit',
  returned: 'Case {{code}} was returned: dispatch it again',
  whistle: 'Whistle: check in on case {{code}}',
  checkIn: 'A department checked in on case {{code}}',
  extensionRequested: 'Case {{code}}: extension requested, please decide',
  extensionApproved: 'Case {{code}}: extension approved',
  extensionRefused: 'Case {{code}}: extension refused',
  handled: 'Case {{code}} reported done: please verify',
  verifyFailed: 'Case {{code}} failed verification: rework needed',
  verified: 'Case {{code}} passed verification: please close it',
  rejected: 'Your report {{code}} was not registered',
  closed: 'Case {{code}} closed',
  feedback: 'Case {{code}}: the reporter gave feedback',
  reopened: 'Case {{code}} reopened: the reporter was not satisfied',
  supervision: 'Supervision notice: case {{code}}',
  warning: 'Yellow: case {{code}} is near its deadline',
  overdue: 'Red: case {{code}} is overdue',
  shelvedReview: 'Shelved case {{code}} is due for review',
  escalated: 'Case {{code}} was escalated to you',
  assistPosted: 'An assisting unit posted its part on case {{code}}',
  urgent: 'Urgent: case {{code}} needs action now',
};

export const inboxZh = {
  title: '消息', nav: '消息', bell: '消息通知', unread: '未读', all: '全部', read: '已读',
  markRead: '标为已读', markAllRead: '全部已读', markedAll: '已全部标为已读', empty: '暂无消息', emptyUnread: '没有未读消息',
  viewAll: '查看全部消息', openCase: '查看事件', latest: '最新消息', reconnecting: '实时推送已断开，正在重连…',
  unreadCount: '{{count}} 条未读',
  detail: {
    reason: '原因：{{value}}', note: '说明：{{value}}', deadline: '期限：{{value}}', by: '来自：{{value}}', reviewOn: '复查日期：{{value}}',
    satisfaction: '评价：{{value}}', extension: '延期：{{amount}} {{unit}}', assist: '协办任务', escalatedUp: '已超期，报上级督办',
  },
  reasonCode: { checkInMissed: '部门未按时报到' } as Record<string, string>,
  satisfaction: { satisfied: '满意', basicallySatisfied: '基本满意', dissatisfied: '不满意' } as Record<string, string>,
  unit: { workingDays: '个工作日', workingHours: '个工作小时', naturalHours: '小时' } as Record<string, string>,
  kind: kindZh,
  unknownKind: '新消息',
};

export const inboxEn: typeof inboxZh = {
  title: 'Inbox', nav: 'Inbox', bell: 'Notifications', unread: 'Unread', all: 'All', read: 'Seen',
  markRead: 'Mark read', markAllRead: 'Mark all read', markedAll: 'All marked read', empty: 'No messages', emptyUnread: 'No unread messages',
  viewAll: 'Open the inbox', openCase: 'Open case', latest: 'Latest', reconnecting: 'Live updates lost, reconnecting…',
  unreadCount: '{{count}} unread',
  detail: {
    reason: 'Reason: {{value}}', note: 'Note: {{value}}', deadline: 'Deadline: {{value}}', by: 'From: {{value}}', reviewOn: 'Review on: {{value}}',
    satisfaction: 'Feedback: {{value}}', extension: 'Extension: {{amount}} {{unit}}', assist: 'Assisting task', escalatedUp: 'Overdue, raised to the level above',
  },
  reasonCode: { checkInMissed: 'A department missed its check-in' },
  satisfaction: { satisfied: 'satisfied', basicallySatisfied: 'basically satisfied', dissatisfied: 'not satisfied' },
  unit: { workingDays: 'working days', workingHours: 'working hours', naturalHours: 'hours' },
  kind: kindEn,
  unknownKind: 'New message',
};
