// Regions area: search and tree on the left, the chosen region on the right.
import { UploadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Splitter } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigate, useParams } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import type { RegionsOutlet } from './context';
import { ImportModal } from './ImportModal';
import { RegionSearch } from './RegionSearch';
import { RegionTree, type RegionTreeHandle } from './RegionTree';

export default function RegionsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams();
  const tree = useRef<RegionTreeHandle>(null);
  const { can } = useAuth();
  const [importing, setImporting] = useState(false);
  const outlet = useMemo<RegionsOutlet>(() => ({
    focus: (pathIds) => void tree.current?.focus(pathIds),
    reloadNodes: (ids) => void tree.current?.reload(ids),
  }), []);

  return (
    <>
      <Splitter style={{ height: '100%', background: 'transparent' }}>
        <Splitter.Panel defaultSize={300} min={220} max={520}>
          <Card
            size="small" title={t('region.tree')}
            extra={can('regions.write') && (
              <Button size="small" icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="region-import">{t('regionImport.button')}</Button>
            )}
            style={{ height: '100%', marginRight: 8 }} styles={{ body: { height: 'calc(100% - 40px)', overflow: 'auto' } }}>
            <RegionSearch onSelect={(it) => navigate(`/regions/${it.id}`)} />
            <div style={{ marginTop: 12 }}>
              <RegionTree ref={tree} selectedId={id ? Number(id) : undefined} onSelect={(rid) => navigate(`/regions/${rid}`)} />
            </div>
          </Card>
        </Splitter.Panel>
        <Splitter.Panel style={{ paddingLeft: 8 }}>
          {id ? <Outlet context={outlet} /> : <Card><Empty description={t('region.selectHint')} /></Card>}
        </Splitter.Panel>
      </Splitter>
      {/* After an import new nodes may sit anywhere: every branch loaded so far is fetched again. */}
      {importing && <ImportModal open onClose={() => setImporting(false)} onImported={() => void tree.current?.reloadAll()} />}
    </>
  );
}
