// Size rules the region breaks (micro-grid ≈ 200 residents, grid ≈ 200–500 households), with the numbers.
import { Alert, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SizeWarning } from '../api/types';

export function SizeWarnings({ warnings }: { warnings: SizeWarning[] }) {
  const { t } = useTranslation();
  if (!warnings.length) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {warnings.map((warning) => { const w = { ...warning } as Record<string, unknown>; return (
        <Alert
          key={warning.code + warning.measure}
          type={warning.status === 'over' ? 'error' : 'warning'}
          showIcon
          data-testid="size-warning"
          title={warning.message}
          description={`${t('region.warningNumbers', w)}，${warning.status === 'over' ? t('region.warningOver', w) : t('region.warningUnder', w)}`}
        />
      ); })}
    </Space>
  );
}
