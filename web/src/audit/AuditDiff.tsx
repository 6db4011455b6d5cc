// Field-by-field before/after of one audit entry; changed fields highlighted.
import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type Obj = Record<string, unknown> | null;

const show = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v, null, 1));

export function AuditDiff({ before, after }: { before: Obj; after: Obj }) {
  const { t } = useTranslation();
  const keys = Array.from(new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]));
  const rows = keys.map((k) => {
    const b = before?.[k];
    const a = after?.[k];
    return { key: k, before: b, after: a, changed: JSON.stringify(b) !== JSON.stringify(a) };
  });
  if (!rows.length) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  const cell = (v: unknown, changed: boolean, color: string) => (
    <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: 160, overflow: 'auto', fontSize: 12, background: changed ? color : undefined }}>
      {show(v)}
    </pre>
  );
  return (
    <Table
      size="small" pagination={false} rowKey="key" dataSource={rows} data-testid="audit-diff"
      columns={[
        { title: t('audit.field'), dataIndex: 'key', width: 160, render: (k: string, r) => (r.changed ? <b>{k}</b> : k) },
        { title: t('audit.before'), render: (_, r) => cell(r.before, r.changed, '#fff1f0') },
        { title: t('audit.after'), render: (_, r) => cell(r.after, r.changed, '#f6ffed') },
      ]}
    />
  );
}
