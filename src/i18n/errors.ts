// The error catalogue: every code the API can answer with, its HTTP status and its messages.
interface Entry {
  status: number;
  zh: string;
  en: string;
}

const catalogue = {
  VALIDATION_FAILED: { status: 400, zh: '请求参数不合法：{detail}', en: 'Invalid request: {detail}' },
  BODY_TOO_LARGE: { status: 413, zh: '请求内容过大', en: 'Request body too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  INTERNAL_ERROR: { status: 500, zh: '服务器内部错误，请稍后重试（请求号 {requestId}）', en: 'Internal error, please retry (request {requestId})' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁', en: 'Too many requests' },
  DATA_DIR_LOCKED: { status: 500, zh: '数据目录 {dataDir} 已被进程 {pid} 占用', en: 'Data folder {dataDir} is in use by process {pid}' },

  AUTH_REQUIRED: { status: 401, zh: '请先登录', en: 'Please log in' },
  AUTH_INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  AUTH_LOCKED: { status: 423, zh: '登录失败次数过多，账号已锁定至 {until}', en: 'Too many failed attempts; account locked until {until}' },
  AUTH_DISABLED: { status: 403, zh: '账号已停用', en: 'Account disabled' },
  AUTH_TOKEN_INVALID: { status: 401, zh: '访问令牌无效或已撤销', en: 'API token invalid or revoked' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, zh: '首次登录请先修改初始密码', en: 'Change the initial password before continuing' },
  PASSWORD_POLICY: { status: 400, zh: '密码至少 8 位，且须同时包含字母和数字', en: 'Password must be at least 8 characters with letters and digits' },
  PASSWORD_WRONG: { status: 400, zh: '原密码不正确', en: 'Current password is wrong' },
  PASSWORD_REUSED: { status: 400, zh: '新密码不能与原密码相同', en: 'New password must differ from the current one' },
  PERMISSION_DENIED: { status: 403, zh: '没有操作权限：{permission}', en: 'Permission denied: {permission}' },
  SCOPE_DENIED: { status: 403, zh: '无权访问该区域：超出您的管辖范围', en: 'Access denied: outside your scope' },

  USER_NOT_FOUND: { status: 404, zh: '用户不存在', en: 'User not found' },
  USERNAME_TAKEN: { status: 409, zh: '用户名 {username} 已存在', en: 'Username {username} is taken' },
  MOBILE_TAKEN: { status: 409, zh: '手机号已被其他账号使用', en: 'Mobile number already used by another account' },
  MOBILE_INVALID: { status: 400, zh: '手机号格式不正确', en: 'Invalid mainland mobile number' },
  ROLE_INVALID: { status: 400, zh: '角色 {role} 不存在', en: 'Unknown role {role}' },
  ROLE_NOT_GRANTABLE: { status: 403, zh: '无权授予角色 {role}', en: 'You may not grant role {role}' },
  SCOPE_REQUIRED: { status: 400, zh: '除系统管理员外，用户必须指定管辖区域', en: 'Every user except a system administrator needs a scope region' },
  TOKEN_NOT_FOUND: { status: 404, zh: '访问令牌不存在', en: 'API token not found' },
  DEPARTMENT_NOT_FOUND: { status: 404, zh: '部门不存在', en: 'Department not found' },
  DEPARTMENT_CODE_TAKEN: { status: 409, zh: '部门编码 {code} 已存在', en: 'Department code {code} is taken' },

  REGION_NOT_FOUND: { status: 404, zh: '区域不存在', en: 'Region not found' },
  REGION_CODE_TAKEN: { status: 409, zh: '区域编码 {code} 已存在', en: 'Region code {code} is taken' },
  REGION_CODE_INVALID: { status: 400, zh: '区域编码 {code} 不符合{level}编码规则：{rule}', en: 'Region code {code} breaks the {level} rule: {rule}' },
  REGION_LEVEL_INVALID: { status: 400, zh: '{child} 不能直接隶属于 {parent}', en: 'A {child} cannot sit directly under a {parent}' },
  REGION_KIND_INVALID: { status: 400, zh: '类型 {kind} 不适用于{level}', en: 'Kind {kind} is not valid for level {level}' },
  REGION_VERSION_CONFLICT: { status: 409, zh: '该区域已被他人修改，请刷新后重试', en: 'The region was changed by someone else; reload and retry' },
  REGION_ARCHIVED: { status: 409, zh: '区域已归档', en: 'Region is archived' },
  REGION_HAS_CHILDREN: { status: 409, zh: '区域下还有 {count} 个未归档的下级区域', en: 'Region still has {count} active children' },
  REGION_MOVE_INVALID: { status: 400, zh: '不能移动到该上级区域：{reason}', en: 'Cannot move there: {reason}' },
  REGION_MERGE_INVALID: { status: 400, zh: '不能合并：{reason}', en: 'Cannot merge: {reason}' },
  REGION_SPLIT_INVALID: { status: 400, zh: '不能拆分：{reason}', en: 'Cannot split: {reason}' },
  REGION_ROOT_EXISTS: { status: 409, zh: '已存在市级根区域 {code}', en: 'A city root already exists: {code}' },
  GEOMETRY_INVALID: { status: 400, zh: '边界不合法：{reason}', en: 'Invalid boundary: {reason}' },
  GEOMETRY_OUTSIDE_PARENT: { status: 400, zh: '边界超出上级区域 {parent} 的范围（{percent}%）', en: 'Boundary lies {percent}% outside its parent {parent}' },
  GEOMETRY_OVERLAP: { status: 400, zh: '{a} 与 {b} 边界重叠 {percent}%', en: '{a} overlaps {b} by {percent}%' },
  IMPORT_INVALID: { status: 400, zh: '导入失败：{count} 处错误，未导入任何数据', en: 'Import failed: {count} problems; nothing was imported' },
  IMPORT_FORMAT: { status: 400, zh: '无法读取导入文件：{reason}', en: 'Cannot read the import file: {reason}' },
  SETTINGS_INVALID: { status: 400, zh: '配置不合法：{reason}', en: 'Invalid settings: {reason}' },
  ZONE_NOT_FOUND: { status: 404, zh: '网格片不存在', en: 'Grid zone not found' },
  ZONE_ARCHIVED: { status: 409, zh: '网格片已撤销', en: 'Grid zone is archived' },
  ZONE_INVALID: { status: 400, zh: '网格片设置不合法：{reason}', en: 'Invalid grid zone: {reason}' },
  ZONE_GRID_TAKEN: { status: 409, zh: '网格 {grid} 已属于网格片「{zone}」', en: 'Grid {grid} already belongs to zone {zone}' },
  // Registry (人、地、事、物、组织). {entity} and {field} are bilingual parameters.
  REGISTRY_NOT_FOUND: { status: 404, zh: '{entity}不存在', en: '{entity} not found' },
  REGISTRY_FIELD_INVALID: { status: 400, zh: '{field}不合法：{reason}', en: 'Invalid {field}: {reason}' },
  REGISTRY_DUPLICATE: { status: 409, zh: '{entity}已存在：{key}', en: '{entity} already exists: {key}' },
  REGISTRY_PLACEMENT: { status: 400, zh: '不能放在该区域：{reason}', en: 'Cannot be placed there: {reason}' },
  REGISTRY_VERSION_CONFLICT: { status: 409, zh: '该记录已被他人修改，请刷新后重试', en: 'The record was changed by someone else; reload and retry' },
  REGISTRY_ARCHIVED: { status: 409, zh: '{entity}已注销或归档', en: '{entity} is archived' },
  REGISTRY_IN_USE: { status: 409, zh: '{entity}仍被使用：{reason}', en: '{entity} is still in use: {reason}' },
  IMPORT_JOB_NOT_FOUND: { status: 404, zh: '导入任务不存在', en: 'Import job not found' },
  IMPORT_ENTITY_UNKNOWN: { status: 400, zh: '不支持导入的数据类型：{entity}', en: 'Unknown import type: {entity}' },
  IMPORT_TOO_LARGE: { status: 413, zh: '导入文件过大（上限 {limit}）', en: 'Import file too large (limit {limit})' },
  AUDIT_NOT_FOUND: { status: 404, zh: '日志不存在', en: 'Audit entry not found' },
  // Cases (事件闭环): shared. {action} and {status} are bilingual parameters.
  CASE_NOT_FOUND: { status: 404, zh: '事件不存在', en: 'Case not found' },
  CASE_VERSION_CONFLICT: { status: 409, zh: '该事件已被他人处理，请刷新后重试', en: 'The case was changed by someone else; reload and retry' },
  CASE_ACTION_NOT_ALLOWED: { status: 409, zh: '事件处于「{status}」状态，不能{action}', en: 'A case that is {status} cannot be {action}' },
  CASE_ACTOR_NOT_ALLOWED: { status: 403, zh: '您不能对该事件执行「{action}」：{reason}', en: 'You may not {action} this case: {reason}' },
  CASE_FIELD_REQUIRED: { status: 400, zh: '缺少{field}', en: 'Missing {field}' },
  CASE_FIELD_INVALID: { status: 400, zh: '{field}不合法：{reason}', en: 'Invalid {field}: {reason}' },
  // Cases: intake and catalogue.
  CASE_LOCATION_REQUIRED: { status: 400, zh: '请提供事发位置：经纬度，或楼栋、房屋、场所、部件之一', en: 'Give a location: a point, or a building, dwelling, place or asset' },
  CASE_OUTSIDE_GRIDS: { status: 400, zh: '该位置（{lng}, {lat}）不在任何网格内，无法受理', en: 'The point ({lng}, {lat}) lies outside every grid' },
  CASE_LINK_NOT_FOUND: { status: 404, zh: '关联的{entity}（编号 {id}）不存在或已注销', en: 'Linked {entity} {id} not found or archived' },
  CASE_CATEGORY_NOT_FOUND: { status: 404, zh: '事件分类不存在', en: 'Case category not found' },
  CASE_CATEGORY_ARCHIVED: { status: 400, zh: '事件分类「{name}」已停用', en: 'Case category {name} is archived' },
  CASE_CATEGORY_NOT_LEAF: { status: 400, zh: '请选择小类：「{name}」是大类', en: 'Pick a subcategory: {name} is a top-level group' },
  CASE_CATEGORY_CODE_TAKEN: { status: 409, zh: '分类编码 {code} 已存在', en: 'Category code {code} is taken' },
  CASE_PHOTO_TOO_LARGE: { status: 413, zh: '照片不能超过 {maxMb} MB', en: 'A photo may not exceed {maxMb} MB' },
  CASE_PHOTO_TYPE: { status: 415, zh: '照片须为 JPEG、PNG 或 WebP 图片（文件内容与类型不符）', en: 'A photo must be a JPEG, PNG or WebP image (content does not match)' },
  CASE_PHOTO_LIMIT: { status: 409, zh: '每个事件最多 {max} 张照片', en: 'At most {max} photos per case' },
  CASE_PHOTO_NOT_FOUND: { status: 404, zh: '照片不存在', en: 'Photo not found' },
  CASE_REPORT_RATE_LIMITED: { status: 429, zh: '同一手机号每小时最多上报 {max} 件，请稍后再试', en: 'At most {max} reports per mobile number per hour; try again later' },
  CASE_EXPORT_TOO_LARGE: { status: 400, zh: '符合条件的事件有 {count} 件，超过导出上限 {max} 件，请缩小筛选范围', en: '{count} cases match, over the export limit of {max}; narrow the filters' },
  // Cases: workflow.
  CASE_ESCALATION_TOP: { status: 409, zh: '事件已在区级受理，不能再向上报送', en: 'The case is already at the district desk and cannot be escalated further' },
  CASE_PARTS_MISSING: { status: 409, zh: '会商办协办单位尚未提交办理情况：{units}', en: 'Assisting units have not posted their part yet: {units}' },
  CASE_EXTENSION_PENDING: { status: 409, zh: '已有一项延期申请等待审批', en: 'An extension request is already waiting for approval' },
  CASE_EXTENSION_NONE: { status: 409, zh: '没有等待审批的延期申请', en: 'There is no extension request waiting for approval' },
  CASE_FEEDBACK_GIVEN: { status: 409, zh: '本次办结已回访，不能重复评价', en: 'Feedback for this closing has already been given' },
  // Cases: timer, supervision, measures.
  CASE_MEASURES_PERIOD: { status: 400, zh: '统计期间不合法：{reason}', en: 'Invalid measurement period: {reason}' },
  CASE_MEASURES_SUBJECT: { status: 400, zh: '统计对象不合法：{reason}', en: 'Invalid measurement subject: {reason}' },
  // Calendar.
  CALENDAR_DAY_INVALID: { status: 400, zh: '不能这样设置 {day}：{reason}', en: 'Cannot set {day} that way: {reason}' },
  CALENDAR_DAY_NOT_FOUND: { status: 404, zh: '{day} 不在节假日与调休安排中', en: '{day} is not a holiday or adjusted working day in the calendar' },
  // Notifications.
  NOTIFICATION_NOT_FOUND: { status: 404, zh: '消息不存在', en: 'Notification not found' },
  // Party (党建), shared. {entity} and {field} are bilingual parameters.
  PARTY_NOT_FOUND: { status: 404, zh: '{entity}不存在', en: '{entity} not found' },
  PARTY_FIELD_INVALID: { status: 400, zh: '{field}不合法：{reason}', en: 'Invalid {field}: {reason}' },
  PARTY_DUPLICATE: { status: 409, zh: '{entity}已存在：{key}', en: '{entity} already exists: {key}' },
  PARTY_VERSION_CONFLICT: { status: 409, zh: '该记录已被他人修改，请刷新后重试', en: 'The record was changed by someone else; reload and retry' },
  PARTY_ARCHIVED: { status: 409, zh: '{entity}已撤销或转出', en: '{entity} is archived' },
  PARTY_IN_USE: { status: 409, zh: '{entity}仍被使用：{reason}', en: '{entity} is still in use: {reason}' },
  // Party: organizations and members.
  PARTY_EXPORT_TOO_LARGE: { status: 400, zh: '符合条件的党员有 {count} 名，超过导出上限 {max} 名，请缩小筛选范围', en: '{count} members match, over the export limit of {max}; narrow the filters' },
  // Party: household links, joint committees, partnerships, leader contacts.
  PARTY_HOUSEHOLD_LINKED: { status: 409, zh: '户 {household} 已由党员中心户「{liaison}」联系', en: 'Household {household} is already linked to liaison household {liaison}' },
  PARTY_HOUSEHOLD_IS_LIAISON: { status: 409, zh: '户 {household} 本身是党员中心户，不能再被联系', en: 'Household {household} is itself a liaison household and cannot be linked' },
  PARTY_LINK_OTHER_COMMUNITY: { status: 400, zh: '户 {household} 不在党员中心户所在的社区', en: "Household {household} is not in the liaison household's community" },
  PARTY_ORG_NOT_JOINT: { status: 409, zh: '「{org}」不是大工委/大党委，不能{action}', en: '{org} is not a joint committee; cannot {action}' },
  PARTY_ENDED: { status: 409, zh: '{entity}已于 {on} 结束', en: '{entity} ended on {on}' },
  // Party: dual registration (双报到).
  PARTY_REGISTRATION_REFUSED: { status: 409, zh: '不能报到：{reason}', en: 'Cannot register: {reason}' },
  PARTY_REGISTRATION_ENDED: { status: 409, zh: '该报到已于 {on} 注销，不能再{action}', en: 'The registration ended on {on}; cannot {action}' },
  PARTY_PLEDGE_TRANSITION: { status: 409, zh: '承诺事项不能从「{from}」改为「{to}」：{reason}', en: 'A pledge cannot go from {from} to {to}: {reason}' },
  PARTY_COVERAGE_PERIOD: { status: 400, zh: '统计期间不合法：{reason}', en: 'Invalid period: {reason}' },
  // Workforce (网格力量), shared.
  WORKFORCE_NOT_FOUND: { status: 404, zh: '{entity}不存在', en: '{entity} not found' },
  WORKFORCE_FIELD_INVALID: { status: 400, zh: '{field}不合法：{reason}', en: 'Invalid {field}: {reason}' },
  WORKFORCE_VERSION_CONFLICT: { status: 409, zh: '该记录已被他人修改，请刷新后重试', en: 'The record was changed by someone else; reload and retry' },
  WORKFORCE_ARCHIVED: { status: 409, zh: '{entity}已撤销或离岗', en: '{entity} is archived' },
  // Workforce: workers, positions, stationed teams.
  WORKFORCE_DUPLICATE: { status: 409, zh: '{entity}已存在：{key}', en: '{entity} already exists: {key}' },
  WORKFORCE_POSITION_PLACE: { status: 400, zh: '{kind}只能设在{where}', en: 'A {kind} sits on {where} only' },
  WORKFORCE_DEPUTY_UNIT_REQUIRED: { status: 400, zh: '双副组长须由镇(街道)或区直部门派出：请先为「{name}」填写派出单位类型', en: 'A paired deputy is sent by the town or a district department: set the sending unit kind of {name} first' },
  WORKFORCE_DEPUTIES_FULL: { status: 409, zh: '{region}已有 2 名双副组长（镇街 1 名、部门 1 名）', en: '{region} already has its 2 paired deputies (one from the town, one from a department)' },
  WORKFORCE_DEPUTY_UNIT_TAKEN: { status: 409, zh: '{region}已有{unitKind}派出的双副组长 {name}，另一名须来自{otherKind}', en: '{region} already has a paired deputy from {unitKind} ({name}); the other one must come from {otherKind}' },
  WORKFORCE_TEAM_LEADER_TAKEN: { status: 409, zh: '该团队已有队长 {name}', en: 'The team already has a leader: {name}' },
  // Workforce: visits (走访).
  WORKFORCE_NOT_A_WORKER: { status: 404, zh: '您还没有网格力量人员档案，请联系社区登记', en: 'You have no workforce record; ask your community to register you' },
  WORKFORCE_VISIT_NOT_POSTED: { status: 403, zh: '您在「{region}」没有在岗岗位，不能在此走访', en: 'You hold no current position in {region} and cannot log a visit there' },
  WORKFORCE_VISIT_OPEN: { status: 409, zh: '您还有一次走访未签退（{region}，{since} 签到）', en: 'You have a visit still open ({region}, checked in {since})' },
  WORKFORCE_VISIT_CLOSED: { status: 409, zh: '该走访已于 {at} 签退', en: 'The visit was checked out at {at}' },
  WORKFORCE_VISIT_NOT_OWN: { status: 403, zh: '只能操作本人的走访记录', en: 'Only the visit’s own worker may change it' },
  WORKFORCE_VISIT_LOCKED: { status: 409, zh: '签退超过 {hours} 小时的走访不能再修改', en: 'A visit checked out more than {hours} hours ago can no longer be changed' },
  WORKFORCE_FINDING_HAS_CASE: { status: 409, zh: '该问题已转为事件 {code}', en: 'The finding is already case {code}' },
  WORKFORCE_LOCATION_REQUIRED: { status: 400, zh: '转为事件需要位置：请提供问题位置，或签到时带上位置', en: 'A case needs a location: give the finding’s position, or check in with one' },
  // Workforce: rules and reviews.
} satisfies Record<string, Entry>;

export type ErrorCode = keyof typeof catalogue;
export const ERROR_CATALOGUE: Record<ErrorCode, Entry> = catalogue;
