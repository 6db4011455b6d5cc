// Search box over names, codes and pinyin initials, with each hit's ancestors as a breadcrumb.
import { Empty, Input, List, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { regionsApi } from '../api/endpoints';
import type { RegionSearchItem } from '../api/types';
import { errorMessage } from '../api/useApi';
import { levelLabel } from '../i18n/names';

export function useRegionSearch(q: string, delay = 250) {
  const [items, setItems] = useState<RegionSearchItem[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    const query = q.trim();
    if (!query) {
      setItems([]);
      setError(undefined);
      return;
    }
    let live = true;
    setLoading(true);
    const timer = setTimeout(() => {
      regionsApi.search(query).then(
        (r) => { if (live) { setItems(r.items); setError(undefined); setLoading(false); } },
        (e: unknown) => { if (live) { setItems([]); setError(errorMessage(e)); setLoading(false); } },
      );
    }, delay);
    return () => { live = false; clearTimeout(timer); };
  }, [q, delay]);
  return { items, loading, error };
}

export function RegionSearch({ onSelect }: { onSelect: (item: RegionSearchItem) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { items, loading, error } = useRegionSearch(q);
  return (
    <div>
      <Input.Search
        allowClear value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('region.searchPlaceholder')}
        data-testid="region-search" loading={loading}
      />
      {q.trim() && (
        <div style={{ maxHeight: 320, overflow: 'auto', marginTop: 8, border: '1px solid #f0f0f0', borderRadius: 4 }}>
          {error ? <Typography.Text type="danger" style={{ padding: 8, display: 'block' }}>{error}</Typography.Text>
            : loading && !items.length ? <Spin size="small" style={{ display: 'block', padding: 8 }} />
            : !items.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('region.noResults')} />
            : (
              <List
                size="small" dataSource={items}
                renderItem={(it) => (
                  <List.Item style={{ cursor: 'pointer', padding: '4px 8px' }} onClick={() => { onSelect(it); setQ(''); }} data-testid="region-search-result">
                    <div style={{ width: '100%' }}>
                      <div>
                        <Typography.Text strong>{it.name}</Typography.Text> <Tag style={{ fontSize: 11 }}>{levelLabel(t, it.level)}</Tag>
                        {it.archived && <Tag color="default">{t('region.archived')}</Tag>}
                      </div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {it.ancestorNames.length ? it.ancestorNames.join(' / ') : it.code}
                      </Typography.Text>
                    </div>
                  </List.Item>
                )}
              />
            )}
        </div>
      )}
    </div>
  );
}
