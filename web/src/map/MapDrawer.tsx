// Side drawer for the picked polygon: summary, warnings, open its page or drill into it.
import { Button, Descriptions, Drawer, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { regionsApi } from '../api/endpoints';
import type { RegionFeatureProps } from '../api/types';
import { useApi } from '../api/useApi';
import { counterLabel, kindLabel, levelLabel } from '../i18n/names';
import { SizeTag } from '../regions/SizeTag';
import { SizeWarnings } from '../regions/SizeWarnings';
import type { PickedRegion } from './RegionMap';

export const DRAWER_WIDTH = 380;

interface Props { picked: PickedRegion | null; onClose: () => void; onPick: (p: RegionFeatureProps) => void }

export function MapDrawer({ picked, onClose, onPick }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const p = picked?.props;
  const detail = useApi(async () => (p ? regionsApi.get(p.id) : null), [p?.id]);
  const d = detail.data && detail.data.id === p?.id ? detail.data : null;
  return (
    // Rendered inside the map area (not over the whole page), so the top bar and the map's toolbar stay usable.
    <Drawer open={!!p} onClose={onClose} mask={false} size={DRAWER_WIDTH} title={p?.name} destroyOnHidden getContainer={false}>
      {p && (
        <div data-testid="region-drawer">
          <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="region-drawer-name">{p.name}</Typography.Title>
          <Space wrap style={{ marginBottom: 12 }}>
            <Tag color="red">{levelLabel(t, p.level)}</Tag>
            <Tag>{kindLabel(t, p.kind)}</Tag>
            <SizeTag status={p.sizeStatus} />
          </Space>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('region.code')}>{p.code}</Descriptions.Item>
            {d && <Descriptions.Item label={t('region.childCount')}>{d.childCount}</Descriptions.Item>}
            {d && Object.entries(d.counters).map(([k, v]) => <Descriptions.Item key={k} label={counterLabel(t, k)}>{v}</Descriptions.Item>)}
          </Descriptions>
          {detail.loading && <Skeleton active paragraph={{ rows: 2 }} />}
          {d && d.warnings.length > 0 && <div style={{ marginTop: 12 }}><SizeWarnings warnings={d.warnings} /></div>}
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" onClick={() => navigate(`/regions/${p.id}`)} data-testid="region-drawer-open">{t('common.open')}</Button>
            <Button onClick={() => navigate(`/map/${p.id}`)} data-testid="region-drawer-drill" disabled={d ? d.childCount === 0 : false}>{t('map.drillDown')}</Button>
          </Space>
          {picked && picked.under.length > 1 && (
            <div style={{ marginTop: 16 }}>
              <Typography.Text type="secondary">{t('map.hereAlso')}：</Typography.Text>
              {picked.under.filter((u) => u.id !== p.id).map((u) => (
                <Tag key={u.id} style={{ cursor: 'pointer' }} onClick={() => onPick(u)}>{u.name}（{levelLabel(t, u.level)}）</Tag>
              ))}
            </div>
          )}
        </div>
      )}
    </Drawer>
  );
}
