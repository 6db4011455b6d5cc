// The handling mode (五办) as a tag, with its meaning on hover; urgency as a red tag.
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HandlingMode } from '../../../../src/modules/cases/cases.workflow';

const COLOR: Record<HandlingMode, string> = { immediate: 'green', study: 'purple', joint: 'geekblue', transfer: 'blue', urgent: 'red' };

export function ModeTag({ mode }: { mode: HandlingMode | null }) {
  const { t } = useTranslation();
  if (!mode) return null;
  return (
    <Tooltip title={t(`cases.modeHint.${mode}`)}>
      <Tag color={COLOR[mode]} variant="outlined" style={{ marginInlineEnd: 0 }} data-testid="case-mode" data-mode={mode}>{t(`cases.mode.${mode}`)}</Tag>
    </Tooltip>
  );
}

export function UrgentTag({ urgency }: { urgency: 'normal' | 'urgent' }) {
  const { t } = useTranslation();
  return urgency === 'urgent' ? <Tag color="red" style={{ marginInlineEnd: 0 }}>{t('cases.urgency.urgent')}</Tag> : null;
}
