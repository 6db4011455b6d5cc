// Selects for case forms: a subcategory from the two-level catalogue, departments in scope.
import { Select, TreeSelect } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { bi } from './format';
import { useCategories, useDepartments } from './lookups';

interface CategoryProps {
  value?: number | null;
  onChange?: (id: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  testId?: string;
  /** Let a top-level category be picked too (list filters). */
  allowParents?: boolean;
}

export function CategorySelect({ value, onChange, placeholder, allowClear, style, testId, allowParents }: CategoryProps) {
  const { i18n } = useTranslation();
  const tree = useCategories();
  const lang = i18n.language;
  const data = tree.filter((p) => !p.archived).map((p) => ({
    value: p.id, title: `${p.code} ${bi(lang, p.nameZh, p.nameEn)}`, selectable: !!allowParents,
    children: (p.children ?? []).filter((c) => !c.archived || c.id === value).map((c) => ({ value: c.id, title: `${c.code} ${bi(lang, c.nameZh, c.nameEn)}` })),
  }));
  return (
    <TreeSelect
      value={value ?? undefined} onChange={(v: number | undefined) => onChange?.(v)} treeData={data} placeholder={placeholder}
      allowClear={allowClear} showSearch={{ treeNodeFilterProp: 'title' }} treeDefaultExpandAll={false} style={{ width: '100%', ...style }}
      listHeight={360} popupMatchSelectWidth={false} data-testid={testId}
    />
  );
}

interface DepartmentProps {
  value?: number | number[] | null;
  onChange?: (v: never) => void;
  multiple?: boolean;
  exclude?: number[];
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  testId?: string;
}

export function DepartmentSelect({ value, onChange, multiple, exclude = [], placeholder, allowClear, style, testId }: DepartmentProps) {
  const departments = useDepartments();
  return (
    <Select
      mode={multiple ? 'multiple' : undefined} value={value ?? undefined} onChange={onChange as never} placeholder={placeholder}
      allowClear={allowClear} showSearch={{ optionFilterProp: 'label' }} style={{ width: '100%', ...style }} data-testid={testId}
      options={departments.filter((d) => !exclude.includes(d.id)).map((d) => ({ value: d.id, label: d.name }))}
    />
  );
}
