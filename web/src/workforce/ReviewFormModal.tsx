// One score of the quarterly two-way review: the community (the caller's own when they work for
// one), the score 0–100 and a comment. Saving again replaces the earlier score of the same key.
import { Alert, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { RegionPicker } from '../regions/RegionPicker';
import { reviewsApi, type ReviewDirection, type ReviewSubjectKind, type ReviewView } from './api';

export interface ReviewSubject { kind: ReviewSubjectKind; id: number; name: string; sub?: string; community?: { id: number; name: string } }

interface Props {
  quarter: string;
  subject: ReviewSubject;
  direction: ReviewDirection;
  review?: ReviewView;
  onClose: () => void;
  onSaved: () => void;
}

interface Values { communityId: number; score: number; comment?: string }

export default function ReviewFormModal({ quarter, subject, direction, review, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const own = user?.scopeRegion?.level === 4 ? user.scopeRegion : null;
  const reviewCommunity = review?.community;
  const initialCommunity = reviewCommunity ?? own ?? subject.community ?? null;

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      await reviewsApi.save({ quarter, subjectKind: subject.kind, subjectId: subject.id, direction, communityId: v.communityId, score: v.score, comment: v.comment?.trim() ?? '', version: review?.version });
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open onCancel={onClose} destroyOnHidden confirmLoading={saving} okText={t('common.save')} onOk={() => form.submit()} width={480}
      title={t('workforce.reviews.formTitle', { name: subject.name, direction: t(`workforce.direction.${direction}`) })}
      okButtonProps={{ 'data-testid': 'review-form-submit' } as never} data-testid="review-form"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form} layout="vertical" onFinish={(v) => void submit(v)}
        initialValues={{ communityId: initialCommunity?.id, score: review?.score, comment: review?.comment }}
      >
        <Form.Item name="communityId" label={t('workforce.reviews.community')} rules={[{ required: true, message: t('workforce.reviews.communityRequired') }]}>
          <RegionPicker level={4} initial={initialCommunity} allowClear={false} testId="review-form-community" />
        </Form.Item>
        <Form.Item name="score" label={t('workforce.reviews.score')} rules={[{ required: true, message: t('workforce.reviews.scoreRequired') }]} extra={t('workforce.reviews.scoreHint')}>
          <InputNumber min={0} max={100} step={0.5} precision={1} style={{ width: 160 }} data-testid="review-form-score" />
        </Form.Item>
        <Form.Item name="comment" label={t('workforce.reviews.comment')}>
          <Input.TextArea rows={3} maxLength={500} data-testid="review-form-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
