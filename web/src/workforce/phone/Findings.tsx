// Problems found on the visit: describe it, then either only note it or, with one tap, turn it
// into a case in the case loop (reported by the worker, source patrol, at the phone's position);
// the case code is shown at once.
import { CheckCircleFilled, FileAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/useApi';
import { CategorySelect } from '../../cases/common/selects';
import { Section } from '../../public/report/PhoneShell';
import { visitsApi, type FindingView } from '../api';
import { positionOrNull } from './geo';

interface Props {
  visitId: number;
  findings: FindingView[];
  onAdded: (f: FindingView) => void;
  /** A finding changed (turned into a case). */
  onChanged: (f: FindingView) => void;
}

export default function Findings({ visitId, findings, onAdded, onChanged }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [categoryId, setCategoryId] = useState<number | undefined>();
  const [busy, setBusy] = useState<'note' | 'case' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const [converting, setConverting] = useState<number | null>(null);
  /** A finding noted earlier, turned into a case afterwards. */
  const convert = async (f: FindingView) => {
    setConverting(f.id);
    setError(null);
    try {
      const next = await visitsApi.findingToCase(visitId, f.id, { title: f.description.slice(0, 40) });
      onChanged(next);
      if (next.case) message.success(t('workforce.phone.caseCreated', { code: next.case.code }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setConverting(null);
    }
  };

  const send = async (toCase: boolean) => {
    const description = text.trim();
    if (!description) {
      setError(t('workforce.phone.findingRequired'));
      return;
    }
    setBusy(toCase ? 'case' : 'note');
    setError(null);
    try {
      const at = await positionOrNull();
      const f = await visitsApi.finding(visitId, {
        description, lng: at?.lng, lat: at?.lat,
        toCase: toCase ? { categoryId, title: description.slice(0, 40) } : undefined,
      });
      onAdded(f);
      setText('');
      setCategoryId(undefined);
      if (f.case) message.success(t('workforce.phone.caseCreated', { code: f.case.code }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Section title={t('workforce.phone.findings', { n: findings.length })} testId="visit-findings">
      {findings.map((f) => (
        <div key={f.id} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="visit-finding">
          <div style={{ fontSize: 15 }}>{f.description}</div>
          {f.case
            ? <Tag color="success" icon={<CheckCircleFilled />} style={{ marginTop: 4 }} data-testid="finding-case-code" data-code={f.case.code}>{t('workforce.phone.caseCode', { code: f.case.code })}</Tag>
            : (
              <div style={{ display: 'flex', alignItems: 'center', marginTop: 4 }}>
                <Tag>{t('workforce.phone.notedOnly')}</Tag>
                <span style={{ flex: 1 }} />
                <Button size="small" loading={converting === f.id} disabled={converting !== null} onClick={() => void convert(f)} data-testid="finding-convert">{t('workforce.phone.toCase')}</Button>
              </div>
            )}
        </div>
      ))}
      <Input.TextArea
        value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={500} placeholder={t('workforce.phone.findingPlaceholder')}
        style={{ marginTop: findings.length ? 12 : 0 }} data-testid="finding-text"
      />
      <div style={{ marginTop: 8 }}>
        <CategorySelect value={categoryId} onChange={setCategoryId} allowClear placeholder={t('workforce.phone.categoryOptional')} testId="finding-category" />
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} data-testid="finding-error" />}
      <div style={{ display: 'flex', gap: 8, marginTop: 10 }}>
        <Button block style={{ height: 46 }} loading={busy === 'note'} disabled={busy !== null} onClick={() => void send(false)} data-testid="finding-note">
          {t('workforce.phone.noteOnly')}
        </Button>
        <Button block type="primary" icon={<FileAddOutlined />} style={{ height: 46 }} loading={busy === 'case'} disabled={busy !== null} onClick={() => void send(true)} data-testid="finding-to-case">
          {t('workforce.phone.toCase')}
        </Button>
      </div>
    </Section>
  );
}
