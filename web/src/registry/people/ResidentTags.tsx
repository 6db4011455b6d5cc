// Small shared renderers: residence type, care-group tags, masked values.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCareGroups } from './careGroups';

const TYPE_COLOR: Record<string, string> = { registered: 'blue', migrant: 'orange', foreign: 'purple' };

export function ResidenceTypeTag({ type }: { type: string }) {
  const { t } = useTranslation();
  return <Tag color={TYPE_COLOR[type] ?? 'default'} style={{ marginInlineEnd: 0 }}>{t(`people.residenceType.${type}`, { defaultValue: type })}</Tag>;
}

export function CareTags({ codes }: { codes: string[] }) {
  const { i18n } = useTranslation();
  const { nameOf, colorOf } = useCareGroups();
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {codes.map((c) => <Tag key={c} color={colorOf(c)} style={{ marginInlineEnd: 0 }} data-testid="care-tag">{nameOf(c, i18n.language)}</Tag>)}
    </span>
  );
}

export const mono: React.CSSProperties = { fontFamily: 'Consolas, "SFMono-Regular", Menlo, monospace', letterSpacing: 0.3 };
