// UI text of the public door sign (出租屋信息公示牌): zh-CN and en with the same keys.
export const postingZh = {
  title: '出租屋信息公示牌', issuer: '居民委员会 监制', address: '房屋地址', community: '所属社区', landlord: '房　　东', landlordMobile: '房东电话',
  lease: '租　　期', purpose: '出租用途', tenantCount: '租住人数', people: '{{n}} 人', code: '公示编号',
  notice: '本公示牌由社区网格员核实登记。如发现人员变动、租期变更或异常情况，请联系所在社区网格员，并报公示编号。',
  print: '打印', printHint: '建议使用 A5 纸张纵向打印，贴于出租房屋门口显著位置', notFound: '未找到公示信息', notFoundSub: '公示编号无效或租赁已结束',
};
export const postingEn: typeof postingZh = {
  title: 'Rental Dwelling Notice', issuer: ' residents’ committee', address: 'Address', community: 'Community', landlord: 'Landlord', landlordMobile: 'Landlord mobile',
  lease: 'Lease', purpose: 'Purpose', tenantCount: 'Tenants', people: '{{n}}', code: 'Posting code',
  notice: 'Verified by the community grid worker. Report changes of tenants or lease, or anything unusual, to the grid worker, quoting the posting code.',
  print: 'Print', printHint: 'Print on A5 portrait and post it by the door', notFound: 'No posting found', notFoundSub: 'The code is invalid or the lease has ended',
};
