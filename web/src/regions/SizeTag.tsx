import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SizeStatus } from '../api/types';

export const SIZE_COLORS: Record<SizeStatus, string> = { ok: '#52c41a', under: '#1677ff', over: '#f5222d', unknown: '#bfbfbf' };
const TAG_COLORS: Record<SizeStatus, string> = { ok: 'success', under: 'processing', over: 'error', unknown: 'default' };

export function SizeTag({ status }: { status: SizeStatus }) {
  const { t } = useTranslation();
  return <Tag color={TAG_COLORS[status] ?? 'default'} data-testid="size-status">{t(`sizeStatus.${status}`, { defaultValue: status })}</Tag>;
}
