// 回访评价: 满意 / 基本满意 / 不满意 with an optional note, as three big buttons. The mobile that
// found the case is the proof that this is its reporter.
import { FrownOutlined, MehOutlined, SmileOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/useApi';
import { SATISFACTIONS } from '../../../../src/modules/cases/cases.workflow';
import { publicCasesApi, type PublicCaseView, type Satisfaction } from './api';

const ICONS: Record<Satisfaction, React.ReactNode> = { satisfied: <SmileOutlined />, basicallySatisfied: <MehOutlined />, dissatisfied: <FrownOutlined /> };
const COLORS: Record<Satisfaction, string> = { satisfied: '#389e0d', basicallySatisfied: '#d48806', dissatisfied: '#cf1322' };

export default function FeedbackForm({ code, mobile, onDone }: { code: string; mobile: string; onDone: (v: PublicCaseView) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [choice, setChoice] = useState<Satisfaction | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);

  const submit = async () => {
    if (!choice) {
      setMissing(true);
      return;
    }
    setBusy(true);
    try {
      const v = await publicCasesApi.feedback(code, { mobile, satisfaction: choice, note: note.trim() || undefined });
      message.success(t('report.feedbackThanks'));
      onDone(v);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="feedback-form">
      <div style={{ color: '#8c8c8c', fontSize: 13, marginBottom: 12 }}>{t('report.feedbackHint')}</div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 8 }} role="radiogroup" aria-label={t('report.feedbackTitle')}>
        {SATISFACTIONS.map((s) => {
          const on = choice === s;
          return (
            <button
              key={s} type="button" role="radio" aria-checked={on} disabled={busy} data-testid={`feedback-${s}`}
              onClick={() => { setChoice(s); setMissing(false); }}
              style={{
                height: 72, borderRadius: 8, border: `2px solid ${on ? COLORS[s] : '#e5e5e5'}`, background: on ? `${COLORS[s]}14` : '#fff',
                color: on ? COLORS[s] : '#595959', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 4, fontSize: 14,
              }}
            >
              <span style={{ fontSize: 24 }}>{ICONS[s]}</span>
              {t(`report.satisfaction.${s}`)}
            </button>
          );
        })}
      </div>
      {missing && <Alert type="error" showIcon title={t('report.satisfactionRequired')} style={{ marginTop: 8 }} />}
      <Input.TextArea
        value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('report.feedbackNotePlaceholder')} maxLength={500} showCount
        autoSize={{ minRows: 2, maxRows: 5 }} style={{ marginTop: 12 }} aria-label={t('report.feedbackNote')} data-testid="feedback-note" disabled={busy}
      />
      <Button type="primary" block loading={busy} onClick={() => void submit()} style={{ height: 48, marginTop: 16 }} data-testid="feedback-submit">
        {t('report.feedbackSubmit')}
      </Button>
    </div>
  );
}
