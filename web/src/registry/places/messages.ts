// UI text of places (场所), organizations (组织) and assets (部件): zh-CN and en with the same keys.
export const placesZh = {
  navGroup: '场所组织', places: '场所', organizations: '组织', assets: '部件',
  placeCreate: '新建场所', placeName: '场所名称', kind: '类别', placeQuery: '名称、地址或信用代码', regionOrPoint: '可不填：按经纬度自动定位到网格',
  creditCode: '统一社会信用代码', employees: '从业人数', contact: '联系人', contactMobile: '联系电话',
  orgCreate: '新建组织', orgName: '组织名称', orgKind: '组织类型', subkind: '细分类型', orgQuery: '组织名称',
  orgKinds: { newOrganization: '两新组织', communityTeam: '群众团队', ownersCommittee: '业委会', propertyCompany: '物业公司', residentInstitution: '驻区单位' },
  leader: '负责人', description: '简介', memberCount: '成员数', members: '成员', addMember: '添加成员', memberSearch: '输入姓名、拼音首字母或证件号后四位',
  role: '职务', joinedOn: '加入日期', partyLed: '党建引领', partyLedYes: '红色业委会',
  assetCreate: '新建部件', assetName: '部件名称', assetCode: '部件编码', assetCodeHint: '16 位，留空自动生成', category: '部件大类',
  subcategory: '小类', twoDigits: '两位数字', department: '权属部门', mapNote: '地图显示当前筛选的 {{n}} 个部件（共 {{total}} 个）',
};

export const placesEn: typeof placesZh = {
  navGroup: 'Places & orgs', places: 'Places', organizations: 'Organizations', assets: 'Assets',
  placeCreate: 'New place', placeName: 'Name', kind: 'Kind', placeQuery: 'Name, address or credit code', regionOrPoint: 'Optional: located from the coordinates',
  creditCode: 'Credit code', employees: 'Employees', contact: 'Contact', contactMobile: 'Mobile',
  orgCreate: 'New organization', orgName: 'Name', orgKind: 'Kind', subkind: 'Subkind', orgQuery: 'Organization name',
  orgKinds: { newOrganization: 'New economic/social orgs', communityTeam: 'Community teams', ownersCommittee: "Owners' committees", propertyCompany: 'Property companies', residentInstitution: 'Resident institutions' },
  leader: 'Leader', description: 'Description', memberCount: 'Members', members: 'Members', addMember: 'Add member', memberSearch: 'Name, pinyin initials or last 4 of ID',
  role: 'Role', joinedOn: 'Joined', partyLed: 'Party-led', partyLedYes: 'Party-led',
  assetCreate: 'New asset', assetName: 'Name', assetCode: 'Code', assetCodeHint: '16 digits; generated when empty', category: 'Category',
  subcategory: 'Subcategory', twoDigits: 'Two digits', department: 'Department', mapNote: 'Map shows {{n}} assets of the filter ({{total}} in all)',
};
