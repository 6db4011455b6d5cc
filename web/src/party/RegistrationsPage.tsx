// 双报到: the registration desk (institutions' organizations and in-service members registering at
// communities, with posts, pledges and service hours) and the coverage report.
import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { CoverageReport } from './registrations/CoverageReport';
import { RegistrationDesk } from './registrations/RegistrationDesk';

export default function RegistrationsPage() {
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const tab = sp.get('tab') === 'coverage' ? 'coverage' : 'desk';
  return (
    <Card size="small" title={<span data-testid="party-registrations-title">{t('party.reg.title')}</span>}>
      <Tabs activeKey={tab} onChange={(k) => setSp({ tab: k })} data-testid="reg-tabs" items={[
        { key: 'desk', label: <span data-testid="reg-tab-desk">{t('party.reg.tabDesk')}</span>, children: <RegistrationDesk /> },
        { key: 'coverage', label: <span data-testid="reg-tab-coverage">{t('party.reg.tabCoverage')}</span>, children: <CoverageReport /> },
      ]} />
    </Card>
  );
}
