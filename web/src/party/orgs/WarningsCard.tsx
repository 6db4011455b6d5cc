// 规则提醒: the rules' findings (GET /party/warnings) as an alert list, each with its numbers
// (e.g. "党员 104 人，上限 100"), clickable when the subject is an organization of the tree.
import { Alert, Collapse, Empty, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { PartyRules, PartyWarning, PartyWarningsView } from '../api';
import { useBi } from '../common';

const SEVERITY: Record<string, 'error' | 'warning' | 'info'> = { high: 'error', error: 'error', warning: 'warning', medium: 'warning', info: 'info', low: 'info' };

export function WarningNumbers({ numbers }: { numbers: PartyWarning['numbers'] }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {Object.entries(numbers).filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => (
        <Tag key={k} style={{ marginInlineEnd: 0 }} data-testid={`warning-number-${k}`}>{t(`party.warnings.numbers.${k}`, { defaultValue: k })} <b>{typeof v === 'number' ? v.toLocaleString('en-US') : v}</b></Tag>
      ))}
    </Space>
  );
}

export function WarningItem({ w, onOpen }: { w: PartyWarning; onOpen?: (w: PartyWarning) => void }) {
  const { t } = useTranslation();
  const bi = useBi();
  // One compact line per finding: kind, message, numbers, and a link to the subject where it has a page.
  return (
    <Alert
      type={SEVERITY[w.severity] ?? 'warning'} showIcon data-testid="party-warning" data-kind={w.kind} style={{ padding: '4px 12px' }}
      title={(
        <Space size={8} wrap style={{ fontSize: 13 }}>
          <Tag color="orange" style={{ marginInlineEnd: 0 }}>{t(`party.warnings.kind.${w.kind}`, { defaultValue: w.kind })}</Tag>
          <span>{bi(w.message)}</span>
          {Object.keys(w.numbers ?? {}).length > 0 && <WarningNumbers numbers={w.numbers} />}
          {/* The message names the subject; the link goes to it. */}
          {onOpen && w.subject.type === 'partyOrg'
            ? <Typography.Link onClick={() => onOpen(w)} data-testid="warning-subject">{t('party.warnings.open')}</Typography.Link>
            : w.subject.type === 'region' ? <Link to={`/regions/${w.subject.id}`}>{t('party.warnings.open')}</Link>
              : w.subject.type === 'estate' ? <Link to={`/estates/${w.subject.id}`}>{t('party.warnings.open')}</Link> : null}
        </Space>
      )}
    />
  );
}

export function WarningsCard({ items, rules, summary, loading, onOpen }: {
  items: PartyWarning[]; rules?: PartyRules; summary?: PartyWarningsView['summary']; loading: boolean; onOpen: (w: PartyWarning) => void;
}) {
  const { t } = useTranslation();
  // Per kind: how many were flagged out of how many checked (the list itself is capped per kind).
  const byKind: [string, number, number | null][] = summary
    ? Object.entries(summary).filter(([, c]) => c.flagged > 0).map(([k, c]) => [k, c.flagged, c.checked])
    : Object.entries(items.reduce<Record<string, number>>((m, w) => ({ ...m, [w.kind]: (m[w.kind] ?? 0) + 1 }), {})).map(([k, n]) => [k, n, null]);
  const flagged = summary ? Object.values(summary).reduce((n, c) => n + c.flagged, 0) : items.length;
  const capped = summary ? Object.values(summary).some((c) => c.listed < c.flagged) : false;
  // Open while there is something to read, until the user folds it.
  const [open, setOpen] = useState<boolean | null>(null);
  return (
    <Collapse
      size="small" activeKey={(open ?? items.length > 0) ? ['w'] : []} onChange={(k) => setOpen(k.length > 0)} style={{ marginBottom: 12 }} data-testid="party-warnings"
      items={[{
        key: 'w',
        label: (
          <Space size={8} wrap>
            <b>{t('party.warnings.title')}</b>
            <Tag color={items.length ? 'orange' : 'green'} data-testid="party-warnings-count">{loading ? '…' : t('party.warnings.count', { n: flagged })}</Tag>
            {byKind.map(([k, n, of]) => (
              <Tag key={k} data-testid={`party-warnings-kind-${k}`}>{t(`party.warnings.kind.${k}`, { defaultValue: k })} {of === null ? n : t('party.warnings.ofChecked', { n, of })}</Tag>
            ))}
            {rules && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('party.warnings.rules', { max: rules.branchMaxMembers })}</Typography.Text>}
          </Space>
        ),
        children: items.length
          ? <Space orientation="vertical" size={6} style={{ width: '100%' }}>{capped && <Typography.Text type="secondary">{t('party.warnings.capped')}</Typography.Text>}<Space orientation="vertical" size={6} style={{ width: '100%', maxHeight: 210, overflow: 'auto' }}>{items.map((w, i) => <WarningItem key={`${w.kind}-${w.subject.type}-${w.subject.id}-${i}`} w={w} onOpen={onOpen} />)}</Space></Space>
          : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('party.warnings.none')} />,
      }]}
    />
  );
}
