// UI text of the supervision board (督办看板): zh-CN and en with the same keys. Statuses and stage
// names come from the `cases` messages.
export const supervisionZh = {
  title: '督办看板',
  hint: '黄牌：环节已用去 80% 的时限；红牌：已超时，系统已自动督办。按当前承办单位分组，红牌多的单位在前。',
  region: '区域', allRegions: '全部（我的管辖范围）', refresh: '刷新', updatedAt: '更新于 {{at}}',
  red: '红牌（超时）', yellow: '黄牌（临期）', units: '涉及单位',
  unitKind: { department: '职能部门', community: '社区受理台', street: '街道受理台', district: '区受理台', desk: '受理台' },
  counts: '红 {{red}} · 黄 {{yellow}}',
  truncated: '仅显示前 {{n}} 件（共 {{total}} 件）',
  empty: '没有临期或超时的事件',
  col: { code: '编号', title: '标题', status: '状态', stage: '环节', deadline: '时限', clock: '计时', overdue: '超时', supervised: '督办次数', region: '所在区域' },
  overdue: '{{hours}} 小时（工作时间 {{working}} 小时）',
  notOverdue: '未超时',
};

export const supervisionEn: typeof supervisionZh = {
  title: 'Supervision board',
  hint: 'Yellow: 80 % of the stage’s time used; red: overdue, and the system has pressed the unit (督办). Grouped by the unit holding each case, the units with most red cases first.',
  region: 'Region', allRegions: 'All (my scope)', refresh: 'Refresh', updatedAt: 'Updated {{at}}',
  red: 'Red (overdue)', yellow: 'Yellow (due soon)', units: 'Units',
  unitKind: { department: 'Department', community: 'Community desk', street: 'Street desk', district: 'District desk', desk: 'Desk' },
  counts: 'Red {{red}} · Yellow {{yellow}}',
  truncated: 'Showing the first {{n}} of {{total}}',
  empty: 'No case is due soon or overdue',
  col: { code: 'Code', title: 'Title', status: 'Status', stage: 'Stage', deadline: 'Deadline', clock: 'Clock', overdue: 'Overdue by', supervised: 'Pressed', region: 'Region' },
  overdue: '{{hours}} h ({{working}} office hours)',
  notOverdue: 'Not overdue',
};
