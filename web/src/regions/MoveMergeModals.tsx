// Move a region under a new parent; merge a grid with a sibling grid.
import { Alert, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { regionsApi } from '../api/endpoints';
import type { RegionDetail } from '../api/types';
import { useApi } from '../api/useApi';
import { levelLabel } from '../i18n/names';
import { ActionModal } from './ActionModal';
import { RegionPicker } from './RegionPicker';

interface Props { region: RegionDetail; open: boolean; onClose: () => void; onDone: (r: RegionDetail) => void }

export function MoveModal({ region, open, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [parentId, setParentId] = useState<number | null>(null);
  const submit = async () => {
    if (!parentId) throw new Error(t('regionAction.chooseRegion'));
    onDone(await regionsApi.move(region.id, parentId));
  };
  const parent = region.ancestors[region.ancestors.length - 1];
  return (
    <ActionModal title={`${t('regionAction.move')} · ${region.name}`} open={open} onClose={onClose} onOk={submit} testId="region-move-modal">
      <Typography.Paragraph>{t('regionAction.parent')}：{parent?.name ?? t('common.none')}</Typography.Paragraph>
      <Typography.Paragraph>{t('regionAction.newParent')}（{levelLabel(t, region.level - 1)}）</Typography.Paragraph>
      <RegionPicker value={parentId} onChange={(id) => setParentId(id)} level={region.level - 1} exclude={parent ? [parent.id] : []} testId="move-parent" />
    </ActionModal>
  );
}

export function MergeModal({ region, open, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [otherId, setOtherId] = useState<number>();
  const siblings = useApi(async () => (region.parentId ? (await regionsApi.children(region.parentId)).items : []), [region.parentId, open]);
  const options = (siblings.data ?? []).filter((s) => s.id !== region.id && !s.archived && s.level === region.level);
  const submit = async () => {
    if (!otherId) throw new Error(t('regionAction.chooseRegion'));
    onDone(await regionsApi.merge(region.id, otherId));
  };
  return (
    <ActionModal title={`${t('regionAction.merge')} · ${region.name}`} open={open} onClose={onClose} onOk={submit} testId="region-merge-modal">
      <Alert type="info" showIcon title={t('regionAction.mergeHint')} style={{ marginBottom: 12 }} />
      <Typography.Paragraph>{t('regionAction.mergeWith')}</Typography.Paragraph>
      <Select
        style={{ width: '100%' }} loading={siblings.loading} value={otherId} onChange={setOtherId}
        options={options.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))} data-testid="merge-other"
      />
    </ActionModal>
  );
}
