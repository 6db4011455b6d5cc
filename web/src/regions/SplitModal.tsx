// Split a grid in two: by a line drawn across it on the map, or by moving chosen micro-grids out.
import { Alert, Checkbox, Input, Segmented, Skeleton, Space, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { regionsApi } from '../api/endpoints';
import type { RegionDetail } from '../api/types';
import { useApi } from '../api/useApi';
import { ActionModal } from './ActionModal';

const SplitLineMap = lazy(() => import('../map/SplitLineMap'));

interface Props { region: RegionDetail; open: boolean; onClose: () => void; onDone: (r: RegionDetail[]) => void }

export function SplitModal({ region, open, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'line' | 'children'>(region.boundary ? 'line' : 'children');
  const [line, setLine] = useState<[number, number][]>([]);
  const [names, setNames] = useState<[string, string]>(['', '']);
  const [childIds, setChildIds] = useState<number[]>([]);
  const [newName, setNewName] = useState('');
  const children = useApi(async () => (await regionsApi.children(region.id)).items, [region.id, open]);

  const submit = async () => {
    if (mode === 'line') {
      if (line.length < 2) throw new Error(t('regionAction.lineRequired'));
      const named = names[0].trim() && names[1].trim() ? { names: [names[0].trim(), names[1].trim()] as [string, string] } : {};
      onDone((await regionsApi.split(region.id, { line: { type: 'LineString', coordinates: line }, ...named })).items);
    } else {
      if (!childIds.length) throw new Error(t('regionAction.childrenRequired'));
      if (!newName.trim()) throw new Error(t('regionAction.nameRequired'));
      onDone((await regionsApi.split(region.id, { childIds, name: newName.trim() })).items);
    }
  };

  return (
    <ActionModal title={`${t('regionAction.split')} · ${region.name}`} open={open} onClose={onClose} onOk={submit} width={760} testId="region-split-modal">
      <Segmented
        value={mode} onChange={(v) => setMode(v as 'line' | 'children')} style={{ marginBottom: 12 }}
        options={[{ value: 'line', label: t('regionAction.splitByLine'), disabled: !region.boundary }, { value: 'children', label: t('regionAction.splitByChildren') }]}
      />
      {mode === 'line' ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="info" showIcon title={t('regionAction.splitLineHint')} />
          <Suspense fallback={<Skeleton.Node active style={{ width: 710, height: 360 }} />}>
            {region.boundary && <SplitLineMap boundary={region.boundary} points={line} onChange={setLine} />}
          </Suspense>
          <Typography.Text type="secondary">{t('regionAction.splitNames')}</Typography.Text>
          <Space>
            <Input placeholder={t('regionAction.splitNameA')} value={names[0]} onChange={(e) => setNames([e.target.value, names[1]])} />
            <Input placeholder={t('regionAction.splitNameB')} value={names[1]} onChange={(e) => setNames([names[0], e.target.value])} />
          </Space>
        </Space>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('regionAction.splitChildren')}</Typography.Text>
          <Checkbox.Group
            value={childIds} onChange={(v) => setChildIds(v as number[])}
            options={(children.data ?? []).filter((c) => !c.archived).map((c) => ({ value: c.id, label: c.name }))}
          />
          <Input placeholder={t('regionAction.splitNewName')} value={newName} onChange={(e) => setNewName(e.target.value)} data-testid="split-new-name" />
        </Space>
      )}
    </ActionModal>
  );
}
