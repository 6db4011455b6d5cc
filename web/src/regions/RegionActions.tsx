// The change buttons a regions.write user sees, each opening its modal.
import { DownOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { regionsApi } from '../api/endpoints';
import type { RegionDetail } from '../api/types';
import { errorMessage } from '../api/useApi';
import { MergeModal, MoveModal } from './MoveMergeModals';
import { RegionFormModal } from './RegionFormModal';
import { SplitModal } from './SplitModal';

type Open = 'create' | 'edit' | 'move' | 'merge' | 'split' | null;

export function RegionActions({ region, onChanged }: { region: RegionDetail; onChanged: (r?: RegionDetail) => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const done = (r?: RegionDetail) => {
    close();
    message.success(t('common.success'));
    onChanged(r);
  };
  const isGrid = region.level === 5;

  const toggleArchive = () => {
    const archiving = !region.archived;
    modal.confirm({
      title: t(archiving ? 'regionAction.archiveConfirm' : 'regionAction.restoreConfirm', { name: region.name }),
      onOk: async () => {
        try {
          done(archiving ? await regionsApi.archive(region.id) : await regionsApi.restore(region.id));
        } catch (e) {
          message.error(errorMessage(e));
          throw e;
        }
      },
    });
  };

  const more = [
    { key: 'move', label: t('regionAction.move'), disabled: region.level <= 1 || region.archived },
    { key: 'merge', label: t('regionAction.merge'), disabled: !isGrid || region.archived },
    { key: 'split', label: t('regionAction.split'), disabled: !isGrid || region.archived },
    { type: 'divider' as const },
    { key: 'archive', label: region.archived ? t('regionAction.restore') : t('regionAction.archive'), danger: !region.archived },
  ];

  return (
    <>
      <Space.Compact>
        {region.level < 6 && !region.archived && (
          <Button type="primary" onClick={() => setOpen('create')} data-testid="region-create-child">{t('regionAction.createChild')}</Button>
        )}
        <Button onClick={() => setOpen('edit')} disabled={region.archived} data-testid="region-edit">{t('regionAction.edit')}</Button>
        <Dropdown
          menu={{
            items: more,
            onClick: ({ key }) => (key === 'archive' ? toggleArchive() : setOpen(key as Open)),
          }}
        >
          <Button data-testid="region-more">{t('common.actions')} <DownOutlined /></Button>
        </Dropdown>
      </Space.Compact>
      {open === 'create' && <RegionFormModal mode="create" region={region} open onClose={close} onDone={(r) => { done(); navigate(`/regions/${r.id}`); }} />}
      {open === 'edit' && <RegionFormModal mode="edit" region={region} open onClose={close} onDone={done} />}
      {open === 'move' && <MoveModal region={region} open onClose={close} onDone={done} />}
      {open === 'merge' && <MergeModal region={region} open onClose={close} onDone={done} />}
      {open === 'split' && <SplitModal region={region} open onClose={close} onDone={() => done()} />}
    </>
  );
}
