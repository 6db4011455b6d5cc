// The organization tree: the flat list from GET /party/orgs folded by parent (an organization whose
// parent lies outside the list, e.g. above the caller's scope, is a root). A search keeps matches
// and their ancestors; a warning mark flags organizations the rules report.
import { WarningFilled } from '@ant-design/icons';
import { Empty, Tag, Tooltip, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartyOrgView, PartyWarning } from '../api';
import { OrgKindTag } from '../common';

interface Props {
  orgs: PartyOrgView[];
  warnings: PartyWarning[];
  query: string;
  selectedId: number | null;
  onSelect: (org: PartyOrgView) => void;
}

const KIND_ORDER = ['streetWorkingCommittee', 'committee', 'generalBranch', 'branch', 'temporaryBranch', 'group'];

export function OrgTree({ orgs, warnings, query, selectedId, onSelect }: Props) {
  const { t } = useTranslation();
  const warned = useMemo(() => {
    const m = new Map<number, number>();
    for (const w of warnings) if (w.subject.type === 'partyOrg') m.set(w.subject.id, (m.get(w.subject.id) ?? 0) + 1);
    return m;
  }, [warnings]);

  const { roots, byParent, byId } = useMemo(() => {
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const byParent = new Map<number | null, PartyOrgView[]>();
    for (const o of orgs) {
      const p = o.parentId !== null && byId.has(o.parentId) ? o.parentId : null;
      byParent.set(p, [...(byParent.get(p) ?? []), o]);
    }
    for (const list of byParent.values()) {
      list.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name, 'zh-CN'));
    }
    return { roots: byParent.get(null) ?? [], byParent, byId };
  }, [orgs]);

  const text = query.trim().toLowerCase();
  // With a search: the matches and every ancestor of a match stay visible.
  const visible = useMemo(() => {
    if (!text) return null;
    const keep = new Set<number>();
    for (const o of orgs) {
      if (!o.name.toLowerCase().includes(text)) continue;
      let cur: PartyOrgView | undefined = o;
      while (cur && !keep.has(cur.id)) {
        keep.add(cur.id);
        cur = cur.parentId !== null ? byId.get(cur.parentId) : undefined;
      }
    }
    return keep;
  }, [orgs, text, byId]);

  const build = (list: PartyOrgView[]): DataNode[] => list.filter((o) => !visible || visible.has(o.id)).map((o) => ({
    key: o.id,
    title: (
      <span data-testid={`org-node-${o.id}`} style={{ display: 'inline-flex', alignItems: 'center', gap: 6, whiteSpace: 'nowrap' }}>
        <OrgKindTag kind={o.kind} />
        <span style={{ textDecoration: o.archivedAt ? 'line-through' : undefined, color: o.archivedAt ? '#999' : undefined }}>{o.name}</span>
        {o.joint && <Tag color="red" style={{ marginInlineEnd: 0 }}>{t('party.org.jointShort')}</Tag>}
        <Tooltip title={t('party.org.countTip', { direct: o.memberCount, total: o.memberCountTotal })}>
          <span style={{ color: '#8c8c8c', fontSize: 12 }}>{t('party.org.countShort', { n: o.memberCountTotal })}</span>
        </Tooltip>
        {warned.has(o.id) && <Tooltip title={t('party.warnings.count', { n: warned.get(o.id) })}><WarningFilled style={{ color: '#fa8c16' }} data-testid={`org-warned-${o.id}`} /></Tooltip>}
      </span>
    ),
    children: build(byParent.get(o.id) ?? []),
    isLeaf: !(byParent.get(o.id)?.length),
  }));

  const data = build(roots);
  // Opened by default: the first two levels; with a search, everything that is shown.
  const defaultExpanded = useMemo(() => {
    const keys: number[] = [];
    for (const r of roots) { keys.push(r.id); for (const c of byParent.get(r.id) ?? []) keys.push(c.id); }
    return keys;
  }, [roots, byParent]);
  const [expanded, setExpanded] = useState<React.Key[]>(defaultExpanded);
  useEffect(() => { setExpanded(visible ? [...visible] : defaultExpanded); }, [visible, defaultExpanded]);

  if (!data.length) return <Empty description={text ? t('party.org.noMatch') : t('party.org.empty')} data-testid="org-tree-empty" />;
  return (
    <Tree
      blockNode showLine={{ showLeafIcon: false }} treeData={data} data-testid="org-tree"
      expandedKeys={expanded} onExpand={(k) => setExpanded(k)}
      selectedKeys={selectedId ? [selectedId] : []}
      onSelect={(keys) => { const id = Number(keys[0]); const o = byId.get(id); if (o) onSelect(o); }}
    />
  );
}
