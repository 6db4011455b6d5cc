// The fields of one step's form: exactly what the transition table says the step must carry (plus
// the optional extras a desk chooses with it), with mode-specific target fields for dispatch.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Typography, Upload, type FormInstance, type UploadFile } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseAction, HandlingMode, Requirement } from '../../../../src/modules/cases/cases.workflow';
import { HANDLING_MODES, SATISFACTIONS } from '../../../../src/modules/cases/cases.workflow';
import { casesApi, type CaseDetail, type CaseListItem, type Suggestion } from '../api';
import { ModeTag } from './ModeTag';
import { CategorySelect, DepartmentSelect } from './selects';

export interface ActionValues {
  reason?: string;
  note?: string;
  result?: string;
  categoryId?: number;
  mode?: HandlingMode;
  urgency?: 'normal' | 'urgent';
  duplicateOfId?: number;
  targetDepartmentId?: number;
  assistDepartmentIds?: number[];
  extensionAmount?: number;
  extensionUnit?: 'workingDays' | 'workingHours' | 'naturalHours';
  reviewOn?: { format(f: string): string };
  satisfaction?: string;
  departmentIds?: number[];
  hours?: number;
  photos?: UploadFile[];
}

const MAX_PHOTO = 5 * 1024 * 1024;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

interface Props {
  form: FormInstance<ActionValues>;
  action: CaseAction;
  requires: readonly Requirement[];
  detail: CaseDetail;
  /** Photos upload straight after the form is sent; they are checked here first. */
  photoError: (msg: string) => void;
}

/** The text field a step carries: its label and hint depend on the step. */
function textField(action: CaseAction, r: 'reason' | 'note' | 'result'): { label: string; placeholder: string } {
  if (r === 'result') return { label: 'cases.form.result', placeholder: 'cases.form.resultPlaceholder' };
  if (r === 'reason') return { label: 'cases.form.reason', placeholder: 'cases.form.reasonPlaceholder' };
  return { label: 'cases.form.note', placeholder: action === 'postPart' ? 'cases.form.partPlaceholder' : 'cases.form.notePlaceholder' };
}

export function ActionFields({ form, action, requires, detail, photoError }: Props) {
  const { t } = useTranslation();
  const needs = (r: Requirement) => requires.includes(r);
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null);
  const [similar, setSimilar] = useState<CaseListItem[]>([]);
  const [found, setFound] = useState<CaseListItem[]>([]);
  const categoryId = Form.useWatch('categoryId', form);
  const urgency = Form.useWatch('urgency', form);
  const formMode = Form.useWatch('mode', form) as HandlingMode | undefined;
  const lead = Form.useWatch('targetDepartmentId', form) as number | undefined;
  const wantsSuggestion = needs('mode') || needs('target');

  // The suggested mode and unit follow the category (and urgency); a field the user set stays.
  useEffect(() => {
    const cat = categoryId ?? detail.category?.id;
    if (!wantsSuggestion || !cat) { setSuggestion(null); return; }
    let live = true;
    casesApi.suggest(cat, urgency ?? detail.urgency, detail.id).then((s) => {
      if (!live) return;
      setSuggestion(s);
      if (needs('mode') && !form.isFieldTouched('mode')) form.setFieldValue('mode', s.mode);
      if (needs('target') && !form.isFieldTouched('targetDepartmentId') && s.department) form.setFieldValue('targetDepartmentId', s.department.id);
    }, () => live && setSuggestion(null));
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [categoryId, urgency, wantsSuggestion, detail.id]);

  useEffect(() => {
    if (!needs('duplicateOfId')) return;
    let live = true;
    casesApi.similar(detail.id).then((s) => live && setSimilar(s), () => undefined);
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [detail.id, action]);

  const mode: HandlingMode | null = formMode ?? detail.mode;
  const dupOptions = [...similar, ...found.filter((f) => !similar.some((s) => s.id === f.id))]
    .filter((c) => c.id !== detail.id)
    .map((c) => ({ value: c.id, label: `${c.code} · ${c.title}` }));
  const rule = { required: true, message: t('cases.form.required') };

  return (
    <>
      {needs('categoryId') && (
        <Form.Item name="categoryId" label={t('cases.form.category')} rules={[rule]}>
          <CategorySelect testId="action-category" />
        </Form.Item>
      )}
      {action === 'register' && (
        <Form.Item name="urgency" label={t('cases.form.urgency')}>
          <Radio.Group optionType="button" options={(['normal', 'urgent'] as const).map((u) => ({ value: u, label: t(`cases.urgency.${u}`) }))} />
        </Form.Item>
      )}
      {needs('mode') && (
        <Form.Item
          name="mode" label={t('cases.form.mode')} rules={[rule]}
          extra={formMode ? t(`cases.modeHint.${formMode}`) : undefined}
        >
          <Select
            data-testid="action-mode"
            options={HANDLING_MODES.map((m) => ({ value: m, label: `${t(`cases.mode.${m}`)}${suggestion?.mode === m ? t('cases.common.paren', { text: t('cases.form.suggested') }) : ''}` }))}
          />
        </Form.Item>
      )}
      {suggestion && needs('mode') && (
        <Alert
          type="info" showIcon style={{ marginBottom: 12 }} data-testid="action-suggestion"
          title={(
            <Space size={6} wrap>
              <span>{t('cases.desk.suggestion')}{t('cases.common.sep')}</span>
              <ModeTag mode={suggestion.mode} />
              <span>{suggestion.department?.name ?? t('cases.desk.suggestNone')}</span>
            </Space>
          )}
          description={suggestion.reason ? t('cases.desk.suggestReason', { reason: suggestion.reason }) : undefined}
        />
      )}
      {needs('target') && !needs('mode') && (
        // The mode chosen at registration, which the desk may still change when it dispatches.
        <Form.Item name="mode" label={t('cases.form.mode')} extra={mode ? t(`cases.modeHint.${mode}`) : undefined}>
          <Select data-testid="action-dispatch-mode" style={{ width: 200 }} options={HANDLING_MODES.map((m) => ({ value: m, label: t(`cases.mode.${m}`) }))} />
        </Form.Item>
      )}
      {needs('target') && (
        mode === 'study' ? (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('cases.form.studyTarget')} data-testid="action-study-target" />
        ) : (
          <>
            <Form.Item
              name="targetDepartmentId" label={mode === 'joint' ? t('cases.form.target') : t('cases.form.department')}
              rules={mode === 'joint' || mode === 'transfer' ? [{ required: true, message: t('cases.form.targetRequired') }] : []}
              extra={[
                suggestion?.department && !needs('mode') ? `${t('cases.desk.suggestion')}${t('cases.common.sep')}${suggestion.department.name}` : '',
                mode === 'joint' ? t('cases.form.targetHint') : '',
                mode === 'immediate' || mode === 'urgent' ? t('cases.form.targetOptional') : '',
              ].filter(Boolean).join(' · ') || undefined}
            >
              <DepartmentSelect testId="action-target" allowClear />
            </Form.Item>
            {mode === 'joint' && (
              <Form.Item name="assistDepartmentIds" label={t('cases.form.assists')} rules={[{ required: true, type: 'array', min: 1, message: t('cases.form.assistsRequired') }]}>
                <DepartmentSelect multiple exclude={lead ? [lead] : []} testId="action-assists" />
              </Form.Item>
            )}
          </>
        )
      )}
      {needs('duplicateOfId') && (
        <Form.Item name="duplicateOfId" label={t('cases.form.duplicateOf')} rules={[rule]}>
          <Select
            data-testid="action-duplicate" placeholder={t('cases.form.duplicatePlaceholder')} options={dupOptions}
            showSearch={{ filterOption: false, onSearch: (q) => { if (q.trim().length >= 2) casesApi.list({ view: 'all', q }, 10).then((r) => setFound(r.items), () => undefined); } }}
          />
        </Form.Item>
      )}
      {needs('departmentIds') && (
        <Space size={12} align="start" style={{ width: '100%' }}>
          <Form.Item name="departmentIds" label={t('cases.form.whistleDepartments')} rules={[{ required: true, type: 'array', min: 1, message: t('cases.form.required') }]} style={{ width: 340 }}>
            <DepartmentSelect multiple testId="action-whistle-departments" />
          </Form.Item>
          <Form.Item name="hours" label={t('cases.form.whistleHours')} rules={[rule]}>
            <InputNumber min={1} max={72} style={{ width: 120 }} data-testid="action-hours" />
          </Form.Item>
        </Space>
      )}
      {needs('extension') && (
        <Space size={12} align="start">
          <Form.Item name="extensionAmount" label={t('cases.form.extensionAmount')} rules={[rule]}>
            <InputNumber min={1} max={365} style={{ width: 120 }} data-testid="action-extension-amount" />
          </Form.Item>
          <Form.Item name="extensionUnit" label={t('cases.form.extensionUnit')} rules={[rule]}>
            <Select style={{ width: 140 }} options={(['workingDays', 'workingHours', 'naturalHours'] as const).map((u) => ({ value: u, label: t(`cases.unitName.${u}`) }))} />
          </Form.Item>
        </Space>
      )}
      {needs('reviewOn') && (
        <Form.Item name="reviewOn" label={t('cases.form.reviewOn')} rules={[rule]}>
          <DatePicker style={{ width: 200 }} data-testid="action-review-on" />
        </Form.Item>
      )}
      {needs('satisfaction') && (
        <Form.Item name="satisfaction" label={t('cases.form.satisfaction')} rules={[rule]}>
          <Radio.Group options={SATISFACTIONS.map((s) => ({ value: s, label: t(`cases.satisfaction.${s}`) }))} data-testid="action-satisfaction" />
        </Form.Item>
      )}
      {(['result', 'reason', 'note'] as const).filter(needs).map((r) => {
        const f = textField(action, r);
        return (
          <Form.Item key={r} name={r} label={t(f.label)} rules={[{ required: true, whitespace: true, message: t('cases.form.required') }]}>
            <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t(f.placeholder)} data-testid={`action-${r}`} />
          </Form.Item>
        );
      })}
      {!requires.some((r) => r === 'reason' || r === 'note' || r === 'result') && (
        // A step that needs no text may still carry a note for the trail.
        <Form.Item name="note" label={t('cases.form.note')}>
          <Input.TextArea rows={2} maxLength={2000} placeholder={t('cases.form.notePlaceholder')} data-testid="action-note" />
        </Form.Item>
      )}
      {(needs('afterPhotos') || action === 'handle') && (
        <Form.Item
          name="photos" label={t('cases.form.afterPhotos')} valuePropName="fileList" getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
          rules={needs('afterPhotos') ? [{ required: true, type: 'array', min: 1, message: t('cases.form.photosRequired') }] : []}
        >
          <Upload
            listType="picture-card" accept={PHOTO_TYPES.join(',')} multiple data-testid="action-photos"
            beforeUpload={(file) => {
              if (!PHOTO_TYPES.includes(file.type)) { photoError(t('cases.form.photoType')); return Upload.LIST_IGNORE; }
              if (file.size > MAX_PHOTO) { photoError(t('cases.form.photoTooLarge')); return Upload.LIST_IGNORE; }
              return false;
            }}
          >
            <div><PlusOutlined /><div style={{ marginTop: 4, fontSize: 12 }}>{t('cases.form.addPhoto')}</div></div>
          </Upload>
        </Form.Item>
      )}
      {detail.extensionRequest && (action === 'approveExtension' || action === 'refuseExtension') && (
        <Typography.Paragraph type="secondary">
          {t('cases.panel.extensionPending', {
            amount: detail.extensionRequest.amount, unit: t(`cases.unit.${detail.extensionRequest.unit}`),
            name: detail.extensionRequest.requestedByName, at: detail.extensionRequest.requestedAt.slice(0, 16).replace('T', ' '), reason: detail.extensionRequest.reason,
          })}
        </Typography.Paragraph>
      )}
    </>
  );
}
