-- The default care groups (特殊人群/重点人群) offices track; editable afterwards in settings.
INSERT INTO care_groups (code, name_zh, name_en, sort) VALUES
  ('elderlyAlone', '独居老人', 'Elderly living alone', 10),
  ('elderlyEmptyNest', '空巢老人', 'Empty-nest elderly', 20),
  ('elderly75NoPension', '75岁以上无养老金老人', '75+ without pension', 30),
  ('disabled', '残疾人', 'Disabled', 40),
  ('leftBehindChild', '留守儿童', 'Left-behind children', 50),
  ('leftBehindElderly', '留守老人', 'Left-behind elderly', 60),
  ('subsistence', '低保户', 'Subsistence allowance', 70),
  ('extremePoverty', '特困人员', 'Extreme poverty support', 80),
  ('communityCorrection', '社区矫正人员', 'Community correction', 90),
  ('releasedPrisoner', '刑满释放人员', 'Released prisoners', 100),
  ('drugRehab', '社区戒毒康复人员', 'Drug rehabilitation', 110),
  ('mentalDisorder', '严重精神障碍患者', 'Severe mental disorder', 120),
  ('veteran', '退役军人', 'Veterans', 130),
  ('seriousIllness', '大病患者', 'Serious illness', 140),
  ('pregnant', '孕产妇', 'Pregnant and postpartum', 150)
ON CONFLICT (code) DO NOTHING;
