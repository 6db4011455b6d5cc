// UI text of the grid worker's phone page (网格员工作台): zh-CN and en with the same keys. The
// case vocabulary (statuses, actions, deadlines) comes from the `cases` messages.
export const gridZh = {
  title: '网格员工作台',
  desktop: '电脑版',
  noScope: '您的账号未分配网格，暂不能使用网格员工作台',
  tabs: { todo: '待办', patrol: '巡查上报', immediate: '立即办' },
  todo: {
    empty: '网格内暂无待办事件', emptyVerify: '暂无待核查的事件', all: '全部', refresh: '刷新', toVerify: '待核查',
    sortHint: '已超时、即将超时的排在前面',
  },
  sheet: {
    title: '事件详情', description: '问题描述', address: '位置', reporter: '上报人', anonymous: '匿名', result: '处置结果',
    department: '承办单位', photos: '照片', timeline: '办理过程', actions: '办理', none: '当前没有需要您办理的操作',
    elsewhere: '其他操作（{{actions}}）请在电脑端办理', openDesktop: '在电脑端打开', category: '分类', noDescription: '无描述',
  },
  act: {
    passNote: '核查说明（选填）', passNotePlaceholder: '如：现场已清理干净', failReason: '不通过原因',
    failReasonPlaceholder: '说明现场仍存在的问题', failReasonRequired: '请填写不通过的原因', confirm: '确认{{action}}',
    cancel: '取消', done: '已{{action}}', conflict: '该事件刚被他人处理，已刷新为最新状态，请确认后重试',
    resultLabel: '处置结果', resultPlaceholder: '现场怎么处置的', resultRequired: '请填写处置结果',
    afterLabel: '处置后照片', afterRequired: '请至少上传一张处置后照片', uploading: '正在上传照片 {{done}}/{{total}}…',
  },
  patrol: {
    hint: '巡查中发现的问题，上报后由社区受理员立案派遣', submit: '提交上报', doneTitle: '已上报', doneSub: '事件编号 {{code}}，社区受理后派遣处置',
    again: '继续上报', open: '查看事件',
    partial: '事件 {{code}} 已上报，但照片未能全部上传：{{reason}}。再次点击“提交上报”将继续上传。',
  },
  immediate: {
    hint: '现场能解决的小问题：拍照、现场处置、拍处置后照片、填写结果，一步办结', submit: '立即办结',
    result: '处置结果', resultPlaceholder: '如：已联系环卫清运，现场清理干净', resultRequired: '请填写处置结果',
    afterRequired: '请至少上传一张处置后照片', beforeLabel: '处置前照片', afterLabel: '处置后照片', doneTitle: '已办结', doneSub: '事件编号 {{code}} 已立即办结',
    step: { create: '正在上报…', before: '正在上传处置前照片 {{done}}/{{total}}…', after: '正在上传处置后照片 {{done}}/{{total}}…', resolve: '正在办结…' },
    partial: '事件 {{code}} 已上报，但尚未办结：{{reason}}。再次点击“立即办结”将从中断处继续。',
  },
};

export const gridEn: typeof gridZh = {
  title: 'Grid worker',
  desktop: 'Desktop',
  noScope: 'Your account has no grid; the grid worker page is not available',
  tabs: { todo: 'To do', patrol: 'Report', immediate: 'Fix now' },
  todo: {
    empty: 'No open cases in your grid', emptyVerify: 'Nothing to verify', all: 'All', refresh: 'Refresh', toVerify: 'To verify',
    sortHint: 'Overdue and nearly due first',
  },
  sheet: {
    title: 'Case', description: 'Description', address: 'Location', reporter: 'Reporter', anonymous: 'Anonymous', result: 'Result',
    department: 'Department', photos: 'Photos', timeline: 'Steps', actions: 'Actions', none: 'Nothing for you to do now',
    elsewhere: 'Other actions ({{actions}}) are on the desktop', openDesktop: 'Open on the desktop', category: 'Category', noDescription: 'No description',
  },
  act: {
    passNote: 'Note (optional)', passNotePlaceholder: 'e.g. the site is clean now', failReason: 'Why it fails',
    failReasonPlaceholder: 'What is still wrong on site', failReasonRequired: 'Give the reason', confirm: 'Confirm: {{action}}',
    cancel: 'Cancel', done: '{{action}}: done', conflict: 'Someone else just acted on this case; it has been reloaded, check and try again',
    resultLabel: 'Result', resultPlaceholder: 'What was done on site', resultRequired: 'Enter the result',
    afterLabel: 'After photos', afterRequired: 'Add at least one after photo', uploading: 'Uploading photos {{done}}/{{total}}…',
  },
  patrol: {
    hint: 'A problem found on patrol; the community desk registers and dispatches it', submit: 'Submit', doneTitle: 'Reported', doneSub: 'Case {{code}}; the community desk will dispatch it',
    again: 'Report another', open: 'Open the case',
    partial: 'Case {{code}} was reported but not all photos went up: {{reason}}. Tap “Submit” again to continue.',
  },
  immediate: {
    hint: 'A small problem fixed on the spot: photo, fix, after photo, result — closed in one step', submit: 'Close now',
    result: 'Result', resultPlaceholder: 'e.g. sanitation called, site cleaned', resultRequired: 'Enter the result',
    afterRequired: 'Add at least one after photo', beforeLabel: 'Before photos', afterLabel: 'After photos', doneTitle: 'Closed', doneSub: 'Case {{code}} was fixed and closed on the spot',
    step: { create: 'Reporting…', before: 'Uploading before photos {{done}}/{{total}}…', after: 'Uploading after photos {{done}}/{{total}}…', resolve: 'Closing…' },
    partial: 'Case {{code}} was reported but not closed: {{reason}}. Tap “Close now” again to continue from there.',
  },
};
