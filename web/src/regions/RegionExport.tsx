// 导出: the region's subtree as GeoJSON or Excel. Plain download links; the session cookie goes along.
import { DownloadOutlined, DownOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { regionsApi } from '../api/endpoints';

export function RegionExport({ rootId }: { rootId: number }) {
  const { t } = useTranslation();
  const link = (format: 'geojson' | 'xlsx', label: string) => (
    <a href={regionsApi.exportUrl(rootId, format)} download data-testid={`region-export-${format}`}>{label}</a>
  );
  return (
    <Dropdown
      menu={{
        items: [
          { key: 'geojson', label: link('geojson', t('region.exportGeojson')) },
          { key: 'xlsx', label: link('xlsx', t('region.exportXlsx')) },
        ],
      }}
    >
      <Button icon={<DownloadOutlined />} data-testid="region-export">{t('region.export')} <DownOutlined /></Button>
    </Dropdown>
  );
}
