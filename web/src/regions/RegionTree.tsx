// Lazy governance tree: roots first, children fetched on expand.
import { Alert, Spin, Tag, Tree } from 'antd';
import type { DataNode, EventDataNode } from 'antd/es/tree';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { regionsApi } from '../api/endpoints';
import type { RegionSummary } from '../api/types';
import { errorMessage } from '../api/useApi';
import { levelLabel } from '../i18n/names';

export interface RegionTreeHandle {
  focus: (pathIds: number[]) => Promise<void>;
  reload: (ids: (number | null)[]) => Promise<void>;
  /** Reload every branch loaded so far (after an import). */
  reloadAll: () => Promise<void>;
}

interface Props { selectedId?: number; onSelect: (id: number) => void }

type Children = Map<number | null, RegionSummary[]>;

export const RegionTree = forwardRef<RegionTreeHandle, Props>(function RegionTree({ selectedId, onSelect }, ref) {
  const { t } = useTranslation();
  const [children, setChildren] = useState<Children>(new Map());
  const [expanded, setExpanded] = useState<React.Key[]>([]);
  const [error, setError] = useState<string>();
  const loaded = useRef<Children>(new Map());

  const fetchChildren = useCallback(async (id: number | null) => {
    const { items } = id === null ? await regionsApi.roots() : await regionsApi.children(id);
    loaded.current = new Map(loaded.current).set(id, items);
    setChildren(loaded.current);
    return items;
  }, []);

  useEffect(() => {
    fetchChildren(null).catch((e: unknown) => setError(errorMessage(e)));
  }, [fetchChildren]);

  useImperativeHandle(ref, () => ({
    focus: async (pathIds) => {
      // Ancestors above the user's scope are not in the tree (asking for their children is refused):
      // start from the first one that is a root of the tree.
      const roots = loaded.current.get(null) ?? (await fetchChildren(null).catch(() => []));
      const start = pathIds.findIndex((id) => roots.some((r) => r.id === id));
      const path = start < 0 ? [] : pathIds.slice(start, -1);
      for (const id of path) {
        if (!loaded.current.has(id)) {
          try { await fetchChildren(id); } catch { /* gone or out of scope: skip */ }
        }
      }
      setExpanded((keys) => Array.from(new Set([...keys, ...path])));
    },
    reload: async (ids) => {
      for (const id of ids) if (loaded.current.has(id)) await fetchChildren(id).catch(() => undefined);
    },
    reloadAll: async () => {
      for (const id of [...loaded.current.keys()]) await fetchChildren(id).catch(() => undefined);
    },
  }), [fetchChildren]);

  const build = (parent: number | null): DataNode[] =>
    (children.get(parent) ?? []).map((r) => ({
      key: r.id,
      title: (
        <span style={{ opacity: r.archived ? 0.5 : 1, whiteSpace: 'nowrap' }} data-testid="region-tree-node">
          {r.name} <Tag style={{ fontSize: 10, lineHeight: '16px', marginInlineStart: 2 }}>{levelLabel(t, r.level)}</Tag>
        </span>
      ),
      isLeaf: r.childCount === 0,
      children: children.has(r.id) ? build(r.id) : undefined,
    }));

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!children.has(null)) return <Spin size="small" />;
  return (
    <Tree
      blockNode
      showLine
      treeData={build(null)}
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys)}
      selectedKeys={selectedId ? [selectedId] : []}
      loadData={async (node: EventDataNode<DataNode>) => { if (!loaded.current.has(node.key as number)) await fetchChildren(node.key as number); }}
      onSelect={(keys) => { if (keys.length) onSelect(Number(keys[0])); }}
    />
  );
});
