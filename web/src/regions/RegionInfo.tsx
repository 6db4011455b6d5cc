// Attributes, counters and free attributes of a region.
import { Card, Descriptions, Empty, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RegionDetail } from '../api/types';
import { formatTime } from '../audit/AuditTable';
import { attributeLabel, attributeValueLabel, kindLabel, levelLabel } from '../i18n/names';
import { groupMeasures, MeasureLabel } from '../registry/people/MeasureLabel';

export function RegionInfo({ region }: { region: RegionDetail }) {
  const { t } = useTranslation();
  const attrs = Object.entries(region.attributes ?? {}).map(([key, value]) => ({ key, value }));
  const counters = groupMeasures(region.counters ?? {});
  return (
    <Card size="small" title={t('region.info')} style={{ height: '100%' }}>
      {/* Two columns only on very wide screens (the card sits beside the tree, and beside the map from xl); labels never wrap. */}
      <Descriptions
        size="small" bordered column={{ xs: 1, sm: 1, md: 1, lg: 1, xl: 1, xxl: 2 }} styles={{ label: { whiteSpace: 'nowrap' } }}
        data-testid="region-attributes"
      >
        <Descriptions.Item label={t('region.code')}><Typography.Text copyable>{region.code}</Typography.Text></Descriptions.Item>
        <Descriptions.Item label={t('region.level')}>{levelLabel(t, region.level)}</Descriptions.Item>
        <Descriptions.Item label={t('region.kind')}>{kindLabel(t, region.kind)}</Descriptions.Item>
        <Descriptions.Item label={t('region.childCount')}>{region.childCount}</Descriptions.Item>
        <Descriptions.Item label={t('region.version')}>{region.version}</Descriptions.Item>
        <Descriptions.Item label={t('region.updatedAt')}>{formatTime(region.updatedAt)}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 12 }}>{t('region.counters')}</Typography.Title>
      {counters.length ? (
        <div data-testid="region-counters">
          {counters.map((section) => (
            <div key={section.key} style={{ marginBottom: 12 }}>
              {counters.length > 1 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`people.measureGroup.${section.key}`)}</Typography.Text>}
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: '8px 24px' }}>
                {section.items.map(([k, v]) => <Statistic key={k} title={<MeasureLabel measure={k} />} value={v} />)}
              </div>
            </div>
          ))}
        </div>
      ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      <Typography.Title level={5} style={{ marginTop: 12 }}>{t('region.attributes')}</Typography.Title>
      <Table
        size="small" pagination={false} rowKey="key" dataSource={attrs}
        columns={[
          { title: t('region.key'), dataIndex: 'key', width: 160, render: (k: string) => <span title={k}>{attributeLabel(t, k)}</span> },
          {
            title: t('region.value'), dataIndex: 'value',
            render: (v: unknown, row: { key: string }) => (typeof v === 'string' ? attributeValueLabel(t, row.key, v) : JSON.stringify(v)),
          },
        ]}
      />
    </Card>
  );
}
