// The care groups every install starts with (migration 0004 inserts the same rows). The sheet
// parser cannot see the database, so it maps Chinese names through this list; the bulk writer
// re-checks codes against the live, editable list.
export const DEFAULT_CARE_GROUPS: readonly { code: string; nameZh: string; nameEn: string }[] = [
  { code: 'elderlyAlone', nameZh: '独居老人', nameEn: 'Elderly living alone' },
  { code: 'elderlyEmptyNest', nameZh: '空巢老人', nameEn: 'Empty-nest elderly' },
  { code: 'elderly75NoPension', nameZh: '75岁以上无养老金老人', nameEn: '75+ without pension' },
  { code: 'disabled', nameZh: '残疾人', nameEn: 'Disabled' },
  { code: 'leftBehindChild', nameZh: '留守儿童', nameEn: 'Left-behind children' },
  { code: 'leftBehindElderly', nameZh: '留守老人', nameEn: 'Left-behind elderly' },
  { code: 'subsistence', nameZh: '低保户', nameEn: 'Subsistence allowance' },
  { code: 'extremePoverty', nameZh: '特困人员', nameEn: 'Extreme poverty support' },
  { code: 'communityCorrection', nameZh: '社区矫正人员', nameEn: 'Community correction' },
  { code: 'releasedPrisoner', nameZh: '刑满释放人员', nameEn: 'Released prisoners' },
  { code: 'drugRehab', nameZh: '社区戒毒康复人员', nameEn: 'Drug rehabilitation' },
  { code: 'mentalDisorder', nameZh: '严重精神障碍患者', nameEn: 'Severe mental disorder' },
  { code: 'veteran', nameZh: '退役军人', nameEn: 'Veterans' },
  { code: 'seriousIllness', nameZh: '大病患者', nameEn: 'Serious illness' },
  { code: 'pregnant', nameZh: '孕产妇', nameEn: 'Pregnant and postpartum' },
];
