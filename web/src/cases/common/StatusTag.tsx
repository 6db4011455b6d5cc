// The status of a case as a coloured tag (colour follows how far along the loop it is).
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../../src/modules/cases/cases.workflow';

const COLOR: Record<CaseStatus, string> = {
  reported: 'orange', registered: 'gold', rejected: 'default', merged: 'default', dispatched: 'blue', handling: 'processing',
  handled: 'cyan', verified: 'geekblue', closed: 'success', shelved: 'purple', supervision: 'magenta',
};

export function StatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLOR[status] ?? 'default'} style={{ marginInlineEnd: 0 }} data-testid="case-status" data-status={status}>{t(`cases.status.${status}`, { defaultValue: status })}</Tag>;
}
