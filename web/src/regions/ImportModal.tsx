// 导入: one GeoJSON or Excel file, posted as it is. The server takes all of it or none of it: either
// counts come back, or every bad feature/row with its reason (downloadable as CSV for Excel users).
import { CheckCircleFilled, DownloadOutlined, InboxOutlined, LoadingOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Result, Space, Spin, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { regionsApi } from '../api/endpoints';
import type { ImportProblem, ImportResult } from '../api/types';
import { errorMessage } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';

type Format = 'geojson' | 'xlsx';
type State =
  | { step: 'choose' }
  | { step: 'uploading'; name: string }
  | { step: 'done'; name: string; result: ImportResult }
  | { step: 'invalid'; name: string; format: Format; message: string; problems: ImportProblem[] }
  | { step: 'failed'; name: string; message: string };

const formatOf = (name: string): Format => (/\.xlsx$/i.test(name) ? 'xlsx' : 'geojson');

/** CSV with a UTF-8 BOM so Excel opens the Chinese text correctly. */
function downloadCsv(filename: string, header: string[], rows: (string | number)[][]): void {
  const cell = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n');
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ImportModal({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [state, setState] = useState<State>({ step: 'choose' });

  const upload = async (file: File) => {
    const format = formatOf(file.name);
    setState({ step: 'uploading', name: file.name });
    try {
      const result = await regionsApi.importFile(file, format);
      setState({ step: 'done', name: file.name, result });
      onImported();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'IMPORT_INVALID' && Array.isArray(e.details)) {
        setState({ step: 'invalid', name: file.name, format, message: e.message, problems: e.details as ImportProblem[] });
      } else {
        const title = e instanceof ApiError && e.code === 'IMPORT_FORMAT' ? `${t('regionImport.formatError')}：` : '';
        setState({ step: 'failed', name: file.name, message: `${title}${errorMessage(e)}` });
      }
    }
  };

  const indexTitle = () => t('regionImport.index');
  const fieldLabel = (f: string) => t(`regionImport.fields.${f}`, { defaultValue: f });
  const saveCsv = (s: Extract<State, { step: 'invalid' }>) =>
    downloadCsv(
      `${s.name.replace(/\.[^.]+$/, '')}-errors.csv`,
      [indexTitle(), t('regionImport.code'), t('regionImport.field'), t('regionImport.reason')],
      s.problems.map((p) => [p.index, p.code, fieldLabel(p.field), p.reason]),
    );

  const again = <Button onClick={() => setState({ step: 'choose' })} data-testid="import-again">{t('regionImport.again')}</Button>;

  const body = () => {
    switch (state.step) {
      case 'choose':
        return (
          <Upload.Dragger
            accept=".geojson,.json,.xlsx"
            multiple={false}
            showUploadList={false}
            beforeUpload={(file) => { void upload(file); return false; }}
            data-testid="import-upload"
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('regionImport.drop')}</p>
            <p className="ant-upload-hint">{t('regionImport.accepted')}</p>
          </Upload.Dragger>
        );
      case 'uploading':
        return (
          <div style={{ textAlign: 'center', padding: '40px 0' }} data-testid="import-progress">
            <Spin indicator={<LoadingOutlined style={{ fontSize: 32 }} spin />} />
            <div style={{ marginTop: 16 }}>{t('regionImport.uploading', { name: state.name })}</div>
          </div>
        );
      case 'done':
        return (
          <Result
            status="success" icon={<CheckCircleFilled />} title={t('regionImport.success')} subTitle={state.name}
            data-testid="import-result" style={{ padding: '24px 0' }}
            extra={(
              <Space orientation="vertical" size={16}>
                <Space size={8}>
                  <Tag color="green" style={{ fontSize: 14, padding: '4px 10px' }}>{t('regionImport.added', { count: state.result.added })}</Tag>
                  <Tag color="blue" style={{ fontSize: 14, padding: '4px 10px' }}>{t('regionImport.updated', { count: state.result.updated })}</Tag>
                  <Tag style={{ fontSize: 14, padding: '4px 10px' }}>{t('regionImport.unchanged', { count: state.result.unchanged })}</Tag>
                </Space>
                {again}
              </Space>
            )}
          />
        );
      case 'invalid':
        return (
          <div data-testid="import-errors">
            <Alert
              type="error" showIcon style={{ marginBottom: 12 }}
              title={t('regionImport.failed', { count: state.problems.length })}
              description={(
                <Typography.Text type="secondary">
                  {state.name} · {t(state.format === 'xlsx' ? 'regionImport.indexXlsx' : 'regionImport.indexGeojson')}
                </Typography.Text>
              )}
              action={(
                <Space orientation="vertical" size={4}>
                  <Button size="small" icon={<DownloadOutlined />} onClick={() => saveCsv(state)} data-testid="import-errors-csv">{t('regionImport.downloadErrors')}</Button>
                  {again}
                </Space>
              )}
            />
            <Table<ImportProblem & { key: number }>
              size="small"
              dataSource={state.problems.map((p, i) => ({ ...p, key: i }))}
              pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
              scroll={{ y: 320 }}
              columns={[
                { title: indexTitle(), dataIndex: 'index', width: 90 },
                { title: t('regionImport.code'), dataIndex: 'code', width: 200, render: (c: string) => c ? <Typography.Text code>{c}</Typography.Text> : t('common.none') },
                { title: t('regionImport.field'), dataIndex: 'field', width: 110, render: (f: string) => fieldLabel(f) },
                { title: t('regionImport.reason'), dataIndex: 'reason' },
              ]}
            />
          </div>
        );
      case 'failed':
        return (
          <Alert type="error" showIcon title={state.message} description={state.name} data-testid="import-failed" action={again} />
        );
    }
  };

  return (
    <Modal
      title={t('regionImport.title')} open={open} onCancel={onClose} width={760} destroyOnHidden maskClosable={false}
      afterClose={() => setState({ step: 'choose' })}
      footer={<Button onClick={onClose} disabled={state.step === 'uploading'}>{t('common.close')}</Button>}
      closable={state.step !== 'uploading'}
    >
      <div data-testid="import-modal">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('regionImport.hint')}</Typography.Paragraph>
        <Typography.Paragraph style={{ marginBottom: 16 }}>
          {t('regionImport.templateHint')}
          <a href={regionsApi.exportUrl(user?.scopeRegion?.id, 'xlsx')} download data-testid="import-template">
            <DownloadOutlined /> {t('regionImport.templateLink')}
          </a>
        </Typography.Paragraph>
        {body()}
      </div>
    </Modal>
  );
}
