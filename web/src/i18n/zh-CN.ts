// Simplified Chinese: the source of every UI key. en.ts must have the same shape.
import { importZh } from '../registry/import/messages';
import { peopleZh } from '../registry/people/messages';
import { housingZh } from '../registry/housing/messages';
import { placesZh } from '../registry/places/messages';
import { postingZh } from '../public/messages';
import { casesZh } from '../cases/messages';
import { gridZh } from '../cases/grid/messages';
import { reportZh } from '../public/report/messages';
import { supervisionZh } from '../cases/supervision/messages';
import { measuresZh } from '../cases/measures/messages';
import { calendarZh } from '../settings/messages';
import { inboxZh } from '../inbox/messages';
import { partyZh } from '../party/messages';
import { workforceZh } from '../workforce/messages';

const zhCN = {
  people: peopleZh,
  housing: housingZh,
  places: placesZh,
  posting: postingZh,
  cases: casesZh,
  grid: gridZh,
  report: reportZh,
  supervision: supervisionZh,
  caseMeasures: measuresZh,
  calendar: calendarZh,
  inbox: inboxZh,
  party: partyZh,
  workforce: workforceZh,
  registryImport: importZh,
  app: { name: '网格', product: '网格 wangge', subtitle: '基层网格化治理平台' },
  common: {
    ok: '确定', cancel: '取消', save: '保存', create: '新建', edit: '编辑', search: '查询', reset: '重置',
    loading: '加载中…', actions: '操作', open: '打开', yes: '是', no: '否', refresh: '刷新', close: '关闭',
    submit: '提交', success: '操作成功', total: '共 {{total}} 条', none: '—', confirm: '确认', name: '名称',
    code: '编码', status: '状态', all: '全部', backHome: '返回首页', retry: '重试',
  },
  nav: {
    home: '首页', regions: '区域与网格', map: '网格地图', users: '用户', departments: '部门', audit: '操作日志',
    coming: '建设中', population: '人口与房屋', cases: '事件处置', party: '党建引领', workforce: '网格力量',
    services: '服务与议事', emergency: '应急指挥', dashboard: '治理云图', system: '系统管理',
  },
  top: { logout: '退出登录', language: '语言', changePassword: '修改密码' },
  error: {
    network: '网络连接失败，请检查网络后重试', http: '请求失败（HTTP {{status}}）', forbidden: '无权访问',
    notFound: '未找到', notFoundSub: '您访问的页面或数据不存在', generic: '出错了',
  },
  auth: {
    title: '登录', login: '用户名或手机号', password: '密码', submit: '登录', loginRequired: '请输入用户名或手机号',
    passwordRequired: '请输入密码', changeTitle: '修改密码', mustChange: '首次登录或密码已重置，请先修改密码后继续使用。',
    oldPassword: '原密码', newPassword: '新密码', confirmPassword: '确认新密码', mismatch: '两次输入的密码不一致',
    tooShort: '密码至少 8 位', changed: '密码已修改',
  },
  home: {
    greeting: '{{name}}，您好', scope: '管辖范围', noScope: '全部区域', roles: '角色', department: '所属部门',
    quickLinks: '快捷入口', regionsDesc: '浏览行政区划与网格树、调整网格', mapDesc: '在地图上查看网格分布与规模',
    usersDesc: '管理账号、角色与管辖范围', auditDesc: '查看并校验操作日志', departmentsDesc: '管理职能部门及服务区域',
  },
  level: { 1: '市', 2: '区县', 3: '街道(镇)', 4: '社区(村)', 5: '网格', 6: '微网格' },
  kind: {
    city: '市', district: '区', county: '县', street: '街道', town: '镇', community: '社区', village: '村',
    residential: '社区网格', rural: '农村网格', officeBuilding: '楼宇网格', businessDistrict: '商圈网格',
    industrialPark: '园区网格', dedicated: '专属网格', microGrid: '微网格', comprehensive: '全科网格',
  },
  sizeStatus: { ok: '规模正常', under: '低于下限', over: '超出上限', unknown: '未统计' },
  role: {
    admin: '系统管理员', districtStaff: '区级工作人员', streetStaff: '街道工作人员', communityStaff: '社区工作人员',
    departmentHandler: '部门承办人', departmentLead: '部门负责人', supervisor: '督导员', gridChief: '网格长', gridWorker: '网格员', buildingHead: '楼栋长',
    partySecretary: '党组织书记', partyMember: '党员', resident: '居民',
  },
  attribute: { estateAge: '小区年代', plannedResidents: '规划人口', plannedHouseholds: '规划户数' },
  attributeValue: { estateAge: { old: '老旧小区', new: '新建小区' } },
  counter: { residents: '实有人口', households: '户数', dwellings: '房屋', buildings: '楼栋', grids: '网格', microGrids: '微网格', children: '下级区域' },
  region: {
    tree: '区域树', info: '基本信息', searchPlaceholder: '搜索名称、编码或拼音首字母（如 jsq）', noResults: '未找到匹配的区域',
    selectHint: '请在左侧选择一个区域', code: '编码', level: '层级', kind: '类型', attributes: '扩展属性',
    counters: '统计', children: '下级区域', map: '区域地图', history: '变更记录', archived: '已归档',
    version: '版本', createdAt: '创建时间', updatedAt: '更新时间', childCount: '下级数',
    sizeStatus: '规模', key: '属性', value: '值', noBoundary: '该区域暂无边界数据',
    warningNumbers: '实有 {{actual}}，目标约 {{target}}（合理范围 {{min}}–{{max}}）',
    warningOver: '超出上限 {{max}}', warningUnder: '低于下限 {{min}}', showArchived: '显示已归档',
    openOnMap: '在地图中查看', export: '导出', exportGeojson: 'GeoJSON（含边界）', exportXlsx: 'Excel 表格',
  },
  zone: {
    title: '网格片', create: '新建网格片', edit: '编辑网格片', archive: '撤销', name: '网格片名称', chief: '片长',
    deputies: '副片长', grids: '包含网格', empty: '暂无网格片', archiveConfirm: '确认撤销网格片「{{name}}」？其中的网格将可划入其他网格片。',
    nameRequired: '请输入网格片名称', gridsRequired: '请至少选择一个网格', chooseGrids: '选择本社区的网格',
    chooseChief: '搜索姓名或用户名', chooseDeputies: '可选多人，最多 10 人', takenBy: '已属「{{zone}}」',
    chiefNotDeputy: '片长不能同时是副片长', usersUnavailable: '无法加载用户列表：{{message}}', readOnly: '只读',
    namePlaceholder: '如：第一网格片', count: '{{count}} 个网格',
  },
  regionImport: {
    button: '导入', title: '导入区域', hint: '支持 GeoJSON（.geojson / .json）和 Excel（.xlsx）。按编码新增或更新区域；文件中只要有一处错误，就不导入任何数据。',
    templateHint: '可先导出现有区域作为模板：', templateLink: '下载 Excel 模板', drop: '点击或拖拽文件到此处',
    accepted: '.geojson、.json、.xlsx', uploading: '正在上传并校验「{{name}}」…', success: '导入成功',
    added: '新增 {{count}}', updated: '更新 {{count}}', unchanged: '未变 {{count}}',
    failed: '导入失败：{{count}} 处错误，未导入任何数据', formatError: '文件无法读取', index: '行/要素',
    indexGeojson: '“行/要素”为 GeoJSON 要素序号（从 0 开始）', indexXlsx: '“行/要素”为 Excel 工作表行号', code: '编码', field: '字段', reason: '原因',
    downloadErrors: '下载错误清单（CSV）', again: '重新选择文件',
    fields: { code: '编码', name: '名称', level: '层级', kind: '类型', parentCode: '上级编码', boundary: '边界', attributes: '属性', row: '整行', feature: '要素' },
  },
  regionAction: {
    createChild: '新建下级', edit: '编辑', archive: '归档', restore: '恢复', move: '迁移', merge: '合并网格',
    split: '拆分网格', archiveConfirm: '确认归档「{{name}}」？归档后不再参与统计。', restoreConfirm: '确认恢复「{{name}}」？',
    parent: '上级区域', newParent: '新上级区域', mergeWith: '与以下同级网格合并', mergeHint: '合并后保留当前网格，另一网格并入并归档。',
    splitByLine: '按画线拆分', splitByChildren: '按下级微网格拆分', splitLineHint: '在地图上单击添加折线点，双击结束；折线需穿过网格边界。',
    splitNames: '拆分后名称（可选）', splitNameA: '第一部分名称', splitNameB: '第二部分名称', splitChildren: '移入新网格的下级',
    splitNewName: '新网格名称', clearLine: '清除折线', linePoints: '已画 {{count}} 个点', boundaryJson: '边界（GeoJSON，可选）',
    attributesJson: '扩展属性（JSON，可选）', invalidJson: 'JSON 格式不正确', nameRequired: '请输入名称', kindRequired: '请选择类型',
    lineRequired: '请先在地图上画出拆分线', childrenRequired: '请选择至少一个下级', codeOptional: '编码（留空自动生成）',
    chooseRegion: '请选择区域',
  },
  map: {
    title: '网格地图', byLevel: '按层级', bySize: '按规模', legend: '图例', selectRegion: '选择区域',
    drillDown: '下钻', up: '返回上级', empty: '该区域下暂无带边界的下级区域', hereAlso: '此处还有',
    features: '{{count}} 个区域',
  },
  users: {
    title: '用户', username: '用户名', displayName: '姓名', mobile: '手机号', roles: '角色', scope: '管辖范围',
    department: '部门', status: '状态', locked: '锁定', active: '正常', disabled: '停用', lockedUntil: '锁定至 {{time}}',
    unlocked: '未锁定', create: '新建用户', edit: '编辑用户', password: '初始密码', resetPassword: '重置密码',
    unlock: '解锁', unlockConfirm: '确认解锁「{{name}}」？', queryPlaceholder: '用户名、姓名或手机号',
    scopeAll: '全部区域（不限）', newPassword: '新密码', mobileKeep: '留空表示不修改', disable: '停用', enable: '启用',
    usernameRequired: '请输入用户名', displayNameRequired: '请输入姓名', rolesRequired: '请选择角色',
    mustChange: '待改密',
  },
  departments: {
    title: '部门', name: '部门名称', code: '部门编码', serviceArea: '服务区域', create: '新建部门', edit: '编辑部门',
    nameRequired: '请输入部门名称', codeRequired: '请输入部门编码', areaRequired: '请选择服务区域',
  },
  audit: {
    title: '操作日志', at: '时间', actor: '操作人', action: '动作', entityType: '对象类型', entityId: '对象编号',
    requestId: '请求号', clientIp: '来源 IP', before: '变更前', after: '变更后', field: '字段', range: '时间范围',
    actorId: '操作人编号', verify: '校验日志链', verifyOk: '日志链完整：已校验 {{checked}} 条，未发现篡改',
    verifyBad: '日志链异常：已校验 {{checked}} 条，发现 {{count}} 处问题', problem: { edited: '被修改', deleted: '被删除', reordered: '顺序异常' },
    noChanges: '无字段变化', entity: { region: '区域', user: '用户', department: '部门', session: '会话', gridZone: '网格片', apiToken: '访问令牌', settings: '配置' },
    actionName: {
      create: '新建', update: '修改', archive: '归档', restore: '恢复', move: '迁移', merge: '合并', split: '拆分',
      login: '登录', logout: '退出', loginFailed: '登录失败', passwordChange: '修改密码', passwordReset: '重置密码', unlock: '解锁',
      import: '导入', mergedInto: '并入', locked: '锁定', sizeRules: '规模规则', changePassword: '修改密码', resetPassword: '重置密码', revoke: '撤销',
    },
  },
};

export default zhCN;
export type Messages = typeof zhCN;
