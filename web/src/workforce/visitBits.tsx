// Small visit displays: a duration in hours and minutes, the outside-the-grid flag.
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { splitMinutes } from './time';

export function DurationText({ minutes }: { minutes: number | null | undefined }) {
  const { t } = useTranslation();
  if (minutes === null || minutes === undefined) return <span>{t('workforce.common.none')}</span>;
  const { h, m } = splitMinutes(minutes);
  return <span>{h ? t('workforce.common.hoursMinutes', { h, m }) : t('workforce.common.minutes', { n: m })}</span>;
}

/** true: outside (warning); false: inside; null: no position or no boundary. */
export function OutsideTag({ value, testId }: { value: boolean | null | undefined; testId?: string }) {
  const { t } = useTranslation();
  if (value === true) return <Tooltip title={t('workforce.visits.outsideHint')}><Tag color="error" data-testid={testId} data-outside="true">{t('workforce.visits.outside')}</Tag></Tooltip>;
  if (value === false) return <Tag color="success" data-testid={testId} data-outside="false">{t('workforce.visits.inside')}</Tag>;
  return <Tag data-testid={testId} data-outside="unknown">{t('workforce.visits.unknownPlace')}</Tag>;
}
