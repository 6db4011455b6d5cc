// 履职看板 (/workforce/boards): the weekly compliance boards — 5-3-10 for grid workers, stationed
// teams' visit days, and paired deputies' accountability flags.
import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import Board5310 from './Board5310';
import BoardDeputies from './BoardDeputies';
import BoardStationed from './BoardStationed';

const TABS = ['5310', 'stationed', 'deputies'] as const;
type Tab = (typeof TABS)[number];

export default function BoardsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : '5310';
  return (
    <Card title={t('workforce.board.title')} data-testid="boards-page">
      <Tabs
        activeKey={tab} destroyOnHidden onChange={(k) => setParams(k === '5310' ? {} : { tab: k }, { replace: true })}
        items={TABS.map((k) => ({
          key: k,
          label: <span data-testid={`boards-tab-${k}`}>{t(`workforce.board.tab.${k}`)}</span>,
          children: k === '5310' ? <Board5310 /> : k === 'stationed' ? <BoardStationed /> : <BoardDeputies />,
        }))}
      />
    </Card>
  );
}
