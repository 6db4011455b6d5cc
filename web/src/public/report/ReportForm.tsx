// The report form on a phone, shared by the resident (name, anonymity, mobile to follow) and the
// grid worker on patrol (reports as staff; with 立即办, also the result and the after-photos).
// The page owns the calls; the form only collects and checks.
import { Cascader, Form, Input, Switch, Button } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionFeatureCollection } from '../../api/types';
import { categoriesApi, type CategoryView } from './api';
import PhotoPicker, { type PickedPhoto } from './PhotoPicker';
import PointPicker, { type LngLat } from './PointPicker';

export interface ReportValues {
  categoryPath?: number[];
  title: string;
  description?: string;
  photos?: PickedPhoto[];
  point: LngLat;
  address?: string;
  reporterName?: string;
  anonymous?: boolean;
  reporterMobile?: string;
  result?: string;
  afterPhotos?: PickedPhoto[];
}

export const MOBILE_RE = /^1[3-9]\d{9}$/;

interface Props {
  kind: 'resident' | 'staff';
  /** 立即办: the problem is fixed on the spot; the form asks for the result and after-photos. */
  immediate?: boolean;
  regions?: RegionFeatureCollection;
  initialView?: [number, number, number];
  submitting: boolean;
  /** Progress text under the button while submitting (e.g. photo uploads). */
  progress?: ReactNode;
  submitText: string;
  onSubmit: (values: ReportValues) => void;
  testId?: string;
}

export default function ReportForm({ kind, immediate, regions, initialView, submitting, progress, submitText, onSubmit, testId = 'report-form' }: Props) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<ReportValues>();
  const anonymous = Form.useWatch('anonymous', form);
  const [categories, setCategories] = useState<CategoryView[] | null>(null);

  // The public catalogue (names only) serves residents and staff alike; if it cannot be loaded the
  // form goes on without it and the desk picks the category.
  useEffect(() => {
    let live = true;
    categoriesApi.publicTree().then((c) => live && setCategories(c), () => live && setCategories([]));
    return () => { live = false; };
  }, []);

  const en = i18n.language === 'en';
  const options = useMemo(
    () => (categories ?? []).filter((c) => !c.archived).map((c) => ({
      value: c.id, label: en ? c.nameEn : c.nameZh,
      children: (c.children ?? []).filter((s) => !s.archived).map((s) => ({ value: s.id, label: en ? s.nameEn : s.nameZh })),
    })).filter((c) => c.children.length),
    [categories, en],
  );

  return (
    <Form<ReportValues>
      form={form} layout="vertical" size="large" disabled={submitting}
      onFinish={onSubmit} data-testid={testId} initialValues={{ anonymous: false, photos: [], afterPhotos: [] }}
      scrollToFirstError={{ behavior: 'smooth', block: 'center' }}
    >
      {options.length > 0 && (
        <Form.Item name="categoryPath" label={t('report.category')}>
          <Cascader options={options} placeholder={t('report.categoryPlaceholder')} data-testid={`${testId}-category`} showSearch />
        </Form.Item>
      )}
      <Form.Item name="title" label={t('report.titleLabel')} rules={[{ required: true, whitespace: true, message: t('report.titleRequired') }, { max: 60 }]}>
        <Input placeholder={t('report.titlePlaceholder')} maxLength={60} data-testid={`${testId}-title`} />
      </Form.Item>
      <Form.Item name="description" label={t('report.description')} rules={[{ max: 2000 }]}>
        <Input.TextArea placeholder={t('report.descriptionPlaceholder')} autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount data-testid={`${testId}-description`} />
      </Form.Item>
      <Form.Item name="photos" label={immediate ? t('grid.immediate.beforeLabel') : t('report.photos')}>
        <PhotoPicker testId={`${testId}-photos`} max={immediate ? 4 : 6} disabled={submitting} />
      </Form.Item>
      <Form.Item name="point" label={t('report.location')} rules={[{ required: true, message: t('report.locationRequired') }]}>
        <PointPicker regions={regions} initialView={initialView} testId={`${testId}-map`} />
      </Form.Item>
      <Form.Item name="address" label={t('report.address')} rules={[{ max: 200 }]}>
        <Input placeholder={t('report.addressPlaceholder')} maxLength={200} data-testid={`${testId}-address`} />
      </Form.Item>
      {immediate && (
        <>
          <Form.Item name="result" label={t('grid.immediate.result')} rules={[{ required: true, whitespace: true, message: t('grid.immediate.resultRequired') }, { max: 2000 }]}>
            <Input.TextArea placeholder={t('grid.immediate.resultPlaceholder')} autoSize={{ minRows: 2, maxRows: 6 }} data-testid={`${testId}-result`} />
          </Form.Item>
          <Form.Item
            name="afterPhotos" label={t('grid.immediate.afterLabel')} required
            rules={[{ validator: (_r, v?: PickedPhoto[]) => (v?.length ? Promise.resolve() : Promise.reject(new Error(t('grid.immediate.afterRequired')))) }]}
          >
            <PhotoPicker testId={`${testId}-after`} max={4} disabled={submitting} />
          </Form.Item>
        </>
      )}
      {kind === 'resident' && (
        <>
          <Form.Item name="anonymous" label={t('report.anonymous')} valuePropName="checked" extra={t('report.anonymousHint')}>
            <Switch data-testid={`${testId}-anonymous`} />
          </Form.Item>
          {!anonymous && (
            <Form.Item name="reporterName" label={t('report.reporterName')} rules={[{ max: 40 }]}>
              <Input placeholder={t('report.reporterNamePlaceholder')} maxLength={40} data-testid={`${testId}-name`} />
            </Form.Item>
          )}
          <Form.Item
            name="reporterMobile" label={t('report.mobile')}
            rules={[{ required: true, message: t('report.mobileRequired') }, { pattern: MOBILE_RE, message: t('report.mobileInvalid') }]}
          >
            <Input type="tel" inputMode="numeric" maxLength={11} placeholder={t('report.mobilePlaceholder')} data-testid={`${testId}-mobile`} />
          </Form.Item>
        </>
      )}
      <Button type="primary" htmlType="submit" block size="large" loading={submitting} style={{ height: 48, fontSize: 17 }} data-testid={`${testId}-submit`}>
        {submitting ? t('report.submitting') : submitText}
      </Button>
      {progress && <div style={{ textAlign: 'center', color: '#8c8c8c', marginTop: 8 }} data-testid={`${testId}-progress`}>{progress}</div>}
    </Form>
  );
}
