// The steps the caller may take on a case now (the server's availableActions) as buttons; each opens
// a small form with exactly the fields its transition requires, sends the case's version, and on a
// version conflict tells the user plainly and reloads the case.
import { Alert, App, Button, Empty, Form, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../api/useApi';
import type { CaseAction, Requirement } from '../../../../src/modules/cases/cases.workflow';
import { transitionsFor } from '../../../../src/modules/cases/cases.workflow';
import { casesApi, type ActionInput, type CaseDetail } from '../api';
import { ActionFields, type ActionValues } from './ActionFields';

/** Forward steps get the primary colour, refusals and send-backs the danger one. */
const PRIMARY = new Set<CaseAction>(['register', 'dispatch', 'accept', 'handle', 'postPart', 'checkIn', 'verifyPass', 'close', 'resolveOnSpot', 'feedback', 'conclude', 'resume', 'approveExtension']);
const DANGER = new Set<CaseAction>(['reject', 'return', 'verifyFail', 'refuseExtension']);
/** Button order: the usual next step first. */
const ORDER: CaseAction[] = [
  'register', 'dispatch', 'accept', 'postPart', 'checkIn', 'progress', 'handle', 'verifyPass', 'close', 'resolveOnSpot', 'feedback',
  'approveExtension', 'refuseExtension', 'requestExtension', 'resume', 'conclude', 'reopen', 'merge', 'whistle', 'escalate', 'shelve',
  'supervise', 'return', 'verifyFail', 'reject',
];

export function requirementsOf(detail: CaseDetail, action: CaseAction): Requirement[] {
  const out = new Set<Requirement>();
  for (const tr of transitionsFor(detail.status, action)) for (const r of tr.requires ?? []) out.add(r);
  return [...out];
}

/** Form values → the step's body (only what was asked, plus the version). */
export function toInput(detail: CaseDetail, v: ActionValues): ActionInput {
  const body: ActionInput = { version: detail.version };
  if (v.reason?.trim()) body.reason = v.reason.trim();
  if (v.note?.trim()) body.note = v.note.trim();
  if (v.result?.trim()) body.result = v.result.trim();
  if (v.categoryId) body.categoryId = v.categoryId;
  if (v.mode) body.mode = v.mode;
  if (v.urgency) body.urgency = v.urgency;
  if (v.duplicateOfId) body.duplicateOfId = v.duplicateOfId;
  if (v.satisfaction) body.satisfaction = v.satisfaction as ActionInput['satisfaction'];
  if (v.reviewOn) body.reviewOn = v.reviewOn.format('YYYY-MM-DD');
  if (v.extensionAmount && v.extensionUnit) body.extension = { amount: v.extensionAmount, unit: v.extensionUnit };
  if (v.departmentIds?.length) { body.departmentIds = v.departmentIds; body.hours = v.hours; }
  return body;
}

interface Props {
  detail: CaseDetail;
  /** The case after a step succeeded. */
  onChanged: (d: CaseDetail) => void;
  /** Load the case again (after a version conflict). */
  onReload: () => void;
  /** Hide these buttons (a page may offer them elsewhere). */
  hide?: CaseAction[];
}

export function ActionPanel({ detail, onChanged, onReload, hide = [] }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<ActionValues>();
  const [open, setOpen] = useState<CaseAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [initial, setInitial] = useState<ActionValues>({});
  const actions = ORDER.filter((a) => detail.availableActions.includes(a) && !hide.includes(a))
    .concat(detail.availableActions.filter((a) => !ORDER.includes(a) && !hide.includes(a)));

  const start = (a: CaseAction) => {
    setInitial({
      categoryId: detail.category?.id, mode: detail.mode ?? undefined, urgency: detail.urgency,
      hours: 24, extensionAmount: 3, extensionUnit: 'workingDays',
    });
    setError(null);
    setOpen(a);
  };

  const submit = async () => {
    if (!open) return;
    const values = await form.validateFields();
    const requires = requirementsOf(detail, open);
    const body = toInput(detail, values);
    if (requires.includes('target')) {
      const mode = values.mode ?? detail.mode;
      body.target = mode === 'study'
        ? { departmentId: null }
        : { departmentId: values.targetDepartmentId, ...(mode === 'joint' ? { assistDepartmentIds: values.assistDepartmentIds ?? [] } : {}) };
    }
    setBusy(true);
    setError(null);
    try {
      // After-photos go first: the step that needs them checks they are there.
      for (const f of values.photos ?? []) if (f.originFileObj) await casesApi.uploadPhoto(detail.id, 'after', f.originFileObj);
      const next = await casesApi.act(detail.id, open, body);
      message.success(t('cases.panel.done', { action: t(`cases.action.${open}`) }));
      setOpen(null);
      onChanged(next);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CASE_VERSION_CONFLICT') {
        setOpen(null);
        modal.warning({ title: t('cases.panel.conflictTitle'), content: t('cases.panel.conflict'), okButtonProps: { 'data-testid': 'conflict-ok' } as never });
        onReload();
      } else {
        setError(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  };

  if (!actions.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.panel.none')} data-testid="action-none" />;
  return (
    <>
      <Space size={[8, 8]} wrap data-testid="action-panel">
        {actions.map((a) => (
          <Button key={a} type={PRIMARY.has(a) ? 'primary' : 'default'} danger={DANGER.has(a)} onClick={() => start(a)} data-testid={`action-${a}`}>
            {t(`cases.action.${a}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={open !== null} title={open ? `${t(`cases.action.${open}`)} · ${detail.code}` : ''} width={620} maskClosable={false} destroyOnHidden
        onCancel={() => setOpen(null)} onOk={() => void submit()} confirmLoading={busy} okText={open ? t(`cases.action.${open}`) : t('common.ok')}
        okButtonProps={{ danger: open ? DANGER.has(open) : false, 'data-testid': 'action-submit' } as never}
        data-testid="action-modal"
      >
        {open && (
          <Form key={open} form={form} initialValues={initial} layout="vertical" requiredMark="optional" style={{ marginTop: 12 }}>
            <ActionFields form={form} action={open} requires={requirementsOf(detail, open)} detail={detail} photoError={(m) => void message.error(m)} />
          </Form>
        )}
        {error && <Alert type="error" showIcon title={error} data-testid="action-error" style={{ marginTop: 4 }} />}
      </Modal>
    </>
  );
}
