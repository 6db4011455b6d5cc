// 大工委与共建: joint committees (part-time members), joint meetings, partnership agreements and
// leader contacts, one tab each, over the region chosen above (default: the caller's scope).
import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { FilterBar, RegionFilter, useRegionFilter } from './common';
import { ContactsTab } from './joint/ContactsTab';
import { JointMembersTab } from './joint/JointMembersTab';
import { MeetingsTab } from './joint/MeetingsTab';
import { PartnershipsTab } from './joint/PartnershipsTab';

const TABS = ['committees', 'meetings', 'partnerships', 'contacts'] as const;

export default function JointPage() {
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(sp.get('tab') ?? '') ? sp.get('tab')! : 'committees';
  const rf = useRegionFilter();
  return (
    <Card size="small" title={<span data-testid="party-joint-title">{t('party.joint.title')}</span>}>
      <FilterBar><RegionFilter value={rf.region} onChange={rf.setRegion} testId="joint-filter-region" /></FilterBar>
      <Tabs activeKey={tab} onChange={(k) => setSp({ tab: k })} data-testid="joint-tabs" items={[
        { key: 'committees', label: <span data-testid="joint-tab-committees">{t('party.joint.tabCommittees')}</span>, children: <JointMembersTab regionId={rf.regionId} /> },
        { key: 'meetings', label: <span data-testid="joint-tab-meetings">{t('party.joint.tabMeetings')}</span>, children: <MeetingsTab regionId={rf.regionId} /> },
        { key: 'partnerships', label: <span data-testid="joint-tab-partnerships">{t('party.joint.tabPartnerships')}</span>, children: <PartnershipsTab regionId={rf.regionId} /> },
        { key: 'contacts', label: <span data-testid="joint-tab-contacts">{t('party.joint.tabContacts')}</span>, children: <ContactsTab regionId={rf.regionId} /> },
      ]} />
    </Card>
  );
}
