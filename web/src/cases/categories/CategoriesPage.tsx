// 事件分类: the two-level catalogue as a tree table (suggested unit, mode, stage deadlines, similar
// case window), with a form to add or edit a category for those who may configure cases.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HANDLING_MODES, STAGES } from '../../../../src/modules/cases/cases.workflow';
import { errorMessage, useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { ErrorResult } from '../../shell/ErrorResult';
import { categoriesApi, type CategoryInput, type CategoryView, type TimeUnit } from '../api';
import { bi } from '../common/format';
import { forgetCategories, useDepartments } from '../common/lookups';
import { ModeTag } from '../common/ModeTag';

const UNITS: TimeUnit[] = ['workingDays', 'workingHours', 'naturalHours'];
type StageKey = (typeof STAGES)[number];

type Editing = { category: CategoryView | null; parentCode: string | null };

export default function CategoriesPage() {
  const { t, i18n } = useTranslation();
  const { can, user } = useAuth();
  const tree = useApi(() => categoriesApi.tree(true), []);
  const [editing, setEditing] = useState<Editing | null>(null);
  // The catalogue is the whole city's: editing it needs cases.configure over every region (no
  // scope, or a root of the region tree; the server has the last word when there are several roots).
  const scope = user?.scopeRegion ?? null;
  const wholeCity = !scope || scope.parentId === null;
  const writable = can('cases.configure') && wholeCity;
  const lang = i18n.language;
  const stage = (s: { amount: number; unit: TimeUnit }) => `${s.amount} ${t(`cases.unitShort.${s.unit}`)}`;

  if (tree.error) return <ErrorResult error={tree.error} onRetry={tree.reload} />;
  return (
    <Card
      size="small"
      title={(
        <Space size={10} align="baseline">
          <span data-testid="categories-title">{t('cases.categories.title')}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>{t('cases.categories.subtitle')}</Typography.Text>
        </Space>
      )}
      extra={writable && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ category: null, parentCode: null })} data-testid="category-add-top">{t('cases.categories.addTop')}</Button>}
    >
      {!writable && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('cases.categories.readOnly')} data-testid="categories-readonly" />}
      <Table<CategoryView>
        size="small" rowKey="id" loading={tree.loading} dataSource={tree.data ?? []} pagination={false} data-testid="categories-table" scroll={{ x: 1080 }}
        expandable={{ defaultExpandAllRows: false }}
        onRow={(r) => ({ 'data-testid': 'category-row', 'data-code': r.code, style: r.archived ? { color: '#bfbfbf' } : undefined } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('cases.categories.code'), dataIndex: 'code', width: 110 },
          {
            title: t('common.name'), width: 130,
            render: (_, r) => (
              <div>
                <span style={{ fontWeight: r.parentCode ? 'normal' : 600, whiteSpace: 'nowrap' }}>{bi(lang, r.nameZh, r.nameEn)}</span>
                {(r.archived || r.custom) && (
                  <div style={{ marginTop: 2 }}>
                    {r.archived && <Tag style={{ marginInlineEnd: 4 }}>{t('cases.categories.archived')}</Tag>}
                    {r.custom && <Tag color="blue" style={{ marginInlineEnd: 0 }}>{t('cases.categories.custom')}</Tag>}
                  </div>
                )}
              </div>
            ),
          },
          { title: t('cases.categories.defaultDepartment'), width: 170, ellipsis: true, render: (_, r) => (r.parentCode ? r.defaultDepartmentName ?? r.defaultDepartmentCode ?? t('cases.desk.suggestNone') : '') },
          { title: t('cases.categories.colMode'), width: 86, render: (_, r) => <ModeTag mode={r.defaultMode} /> },
          ...STAGES.map((s: StageKey) => ({ title: t(`cases.stage.${s}`), width: 76, render: (_: unknown, r: CategoryView) => (r.parentCode ? stage(r[s]) : '') })),
          { title: t('cases.categories.colUrgent'), width: 72, render: (_, r) => (r.parentCode ? `${r.urgentHandleHours} ${t('cases.unitShort.naturalHours')}` : '') },
          { title: t('cases.categories.colSimilar'), width: 96, render: (_, r) => (r.parentCode ? `${r.similarRadiusM} m / ${r.similarDays} d` : '') },
          {
            title: t('common.actions'), width: 140, fixed: 'right',
            render: (_, r) => writable && (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing({ category: r, parentCode: r.parentCode })} data-testid="category-edit">{t('common.edit')}</Button>
                {!r.parentCode && <Button type="link" size="small" onClick={() => setEditing({ category: null, parentCode: r.code })}>{t('cases.categories.addChild')}</Button>}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <CategoryForm editing={editing} tree={tree.data ?? []} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); forgetCategories(); tree.reload(); }} />
      )}
    </Card>
  );
}

interface FormValues {
  code?: string;
  nameZh: string;
  nameEn: string;
  defaultDepartmentCode?: string | null;
  defaultMode?: string | null;
  dispatch: { amount: number; unit: TimeUnit };
  respond: { amount: number; unit: TimeUnit };
  handle: { amount: number; unit: TimeUnit };
  verify: { amount: number; unit: TimeUnit };
  urgentHandleHours: number;
  similarRadiusM: number;
  similarDays: number;
  archived: boolean;
}

function CategoryForm({ editing, tree, onClose, onSaved }: { editing: Editing; tree: CategoryView[]; onClose: () => void; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const departments = useDepartments();
  const c = editing.category;
  const isChild = c ? !!c.parentCode : !!editing.parentCode;
  const parent = tree.find((p) => p.code === (c?.parentCode ?? editing.parentCode));
  // Suggested units are department code suffixes (CGJ), resolved in each case's district.
  const suffixes = useMemo(() => {
    const seen = new Map<string, string>();
    for (const d of departments) {
      const suffix = d.code.split('-').pop() ?? d.code;
      if (!seen.has(suffix)) seen.set(suffix, d.name);
    }
    return [...seen].map(([value, name]) => ({ value, label: `${value} · ${name}` }));
  }, [departments]);
  const initial: Partial<FormValues> = c
    ? { ...c, defaultDepartmentCode: c.defaultDepartmentCode, defaultMode: c.defaultMode }
    : {
      dispatch: { amount: 2, unit: 'workingHours' }, respond: { amount: 4, unit: 'workingHours' }, handle: { amount: 5, unit: 'workingDays' },
      verify: { amount: 1, unit: 'workingDays' }, urgentHandleHours: 24, similarRadiusM: 100, similarDays: 7, archived: false,
    };

  const save = async () => {
    const v = await form.validateFields();
    const body: CategoryInput = { nameZh: v.nameZh.trim(), nameEn: v.nameEn.trim(), archived: v.archived };
    if (isChild) {
      Object.assign(body, {
        defaultDepartmentCode: v.defaultDepartmentCode || null,
        // Sent only when chosen: PATCH refuses defaultMode null today (the body's null arrives as '').
        ...(v.defaultMode ? { defaultMode: v.defaultMode as CategoryInput['defaultMode'] } : {}),
        dispatch: v.dispatch, respond: v.respond, handle: v.handle, verify: v.verify,
        urgentHandleHours: v.urgentHandleHours, similarRadiusM: v.similarRadiusM, similarDays: v.similarDays,
      });
    }
    setSaving(true);
    setError(null);
    try {
      if (c) await categoriesApi.update(c.id, body);
      else await categoriesApi.create({ ...body, code: v.code!.trim(), parentCode: editing.parentCode });
      message.success(t('cases.categories.saved'));
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const req = [{ required: true, message: t('cases.form.required') }];
  const stageRow = (s: StageKey) => (
    <Form.Item key={s} label={t(`cases.stage.${s}`)} style={{ marginBottom: 8 }}>
      <Space.Compact>
        <Form.Item name={[s, 'amount']} noStyle rules={req}><InputNumber min={1} max={365} style={{ width: 90 }} /></Form.Item>
        <Form.Item name={[s, 'unit']} noStyle rules={req}>
          <Select style={{ width: 130 }} options={UNITS.map((u) => ({ value: u, label: t(`cases.unitName.${u}`) }))} />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );

  return (
    <Modal
      open width={680} maskClosable={false} destroyOnHidden onCancel={onClose} onOk={() => void save()} confirmLoading={saving}
      title={c ? t('cases.categories.editTitle', { name: bi(i18n.language, c.nameZh, c.nameEn) }) : isChild ? `${t('cases.categories.addChild')} · ${parent ? bi(i18n.language, parent.nameZh, parent.nameEn) : ''}` : t('cases.categories.addTop')}
      okButtonProps={{ 'data-testid': 'category-save' } as never}
    >
      <Form form={form} layout="horizontal" labelCol={{ span: 7 }} initialValues={initial} style={{ marginTop: 12 }} data-testid="category-form">
        {!c && (
          <Form.Item name="code" label={t('cases.categories.code')} rules={req} extra={t('cases.categories.codeRule')}>
            <Input style={{ width: 160 }} placeholder={isChild && parent ? `${parent.code}01` : '08'} />
          </Form.Item>
        )}
        <Form.Item name="nameZh" label={t('cases.categories.nameZh')} rules={req}><Input maxLength={50} /></Form.Item>
        <Form.Item name="nameEn" label={t('cases.categories.nameEn')} rules={req}><Input maxLength={100} /></Form.Item>
        {isChild && (
          <>
            <Form.Item name="defaultDepartmentCode" label={t('cases.categories.defaultDepartment')} extra={t('cases.categories.defaultDepartmentHint')}>
              <Select allowClear options={suffixes} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
            <Form.Item name="defaultMode" label={t('cases.categories.defaultMode')}>
              <Select allowClear options={HANDLING_MODES.map((m) => ({ value: m, label: t(`cases.mode.${m}`) }))} style={{ width: 160 }} />
            </Form.Item>
            {STAGES.map(stageRow)}
            <Form.Item name="urgentHandleHours" label={t('cases.categories.urgentHours')} rules={req}><InputNumber min={1} max={720} /></Form.Item>
            <Form.Item name="similarRadiusM" label={t('cases.categories.similarRadius')} rules={req}><InputNumber min={0} max={5000} /></Form.Item>
            <Form.Item name="similarDays" label={t('cases.categories.similarDays')} rules={req}><InputNumber min={0} max={365} /></Form.Item>
          </>
        )}
        <Form.Item name="archived" label={t('cases.categories.archived')} valuePropName="checked"><Switch /></Form.Item>
      </Form>
      {error && <Typography.Text type="danger" data-testid="category-error">{error}</Typography.Text>}
    </Modal>
  );
}
