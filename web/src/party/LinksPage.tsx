// 党员联户: household links on a building view (assign by clicking), the coverage report, and the
// list of liaison households with their party group leaders. The tab and building live in the URL.
import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../api/useApi';
import { partyApi } from './api';
import { FilterBar, RegionFilter, useRegionFilter } from './common';
import { BuildingLinks } from './links/BuildingLinks';
import { LinkCoverage } from './links/LinkCoverage';
import { LiaisonList } from './links/LiaisonList';

const TABS = ['building', 'coverage', 'liaisons'] as const;

export default function LinksPage() {
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(sp.get('tab') ?? '') ? sp.get('tab')! : 'building';
  const rf = useRegionFilter();
  const rules = useApi(() => partyApi.rules(), []);
  const regionBar = (
    <FilterBar><RegionFilter value={rf.region} onChange={rf.setRegion} testId="links-filter-region" /></FilterBar>
  );
  return (
    <Card size="small" title={<span data-testid="party-links-title">{t('party.links.title')}</span>}>
      <Tabs
        activeKey={tab} onChange={(k) => { const next = new URLSearchParams(sp); next.set('tab', k); setSp(next); }} data-testid="links-tabs"
        items={[
          { key: 'building', label: <span data-testid="links-tab-building">{t('party.links.tabBuilding')}</span>, children: <BuildingLinks rules={rules.data} /> },
          { key: 'coverage', label: <span data-testid="links-tab-coverage">{t('party.links.tabCoverage')}</span>, children: <>{regionBar}<LinkCoverage regionId={rf.regionId} /></> },
          { key: 'liaisons', label: <span data-testid="links-tab-liaisons">{t('party.links.tabLiaisons')}</span>, children: <>{regionBar}<LiaisonList regionId={rf.regionId} rules={rules.data} /></> },
        ]}
      />
    </Card>
  );
}
