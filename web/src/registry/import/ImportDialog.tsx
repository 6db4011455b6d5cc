// The one import dialog of every registry list: template, file and mode; upload, then a progress bar
// fed by polling the job; then the counts, the first problems and the error workbook. A second tab
// lists earlier imports of the same entity (导入记录).
import { DownloadOutlined, FileExcelOutlined, HistoryOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Modal, Progress, Radio, Row, Space, Statistic, Steps, Table, Tabs, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/useApi';
import { importApi, textOf, type ImportJob, type ImportJobProblem, type ImportMode, type RegistryEntity } from './api';
import { ImportHistory } from './ImportHistory';

const POLL_MS = 500;

type State =
  | { step: 'choose' }
  | { step: 'running'; jobId: number | null; job: ImportJob | null; startedAt: number }
  | { step: 'result'; job: ImportJob; seconds: number }
  | { step: 'failed'; message: string };

interface Props {
  entity: RegistryEntity;
  open: boolean;
  onClose: () => void;
  /** Called once a job finished having written something (so the list can reload). */
  onDone?: (job: ImportJob) => void;
}

export function ImportDialog({ entity, open, onClose, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const [tab, setTab] = useState('import');
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('all-or-nothing');
  const [state, setState] = useState<State>({ step: 'choose' });
  const onDoneRef = useRef(onDone);
  onDoneRef.current = onDone;

  // Poll the running job every ~500 ms until it leaves 'running'.
  const jobId = state.step === 'running' ? state.jobId : null;
  useEffect(() => {
    if (jobId == null) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const job = await importApi.get(jobId);
        if (stop) return;
        if (job.status === 'running' || job.status === 'queued') {
          setState((s) => (s.step === 'running' ? { ...s, job } : s));
          timer = setTimeout(() => void tick(), POLL_MS);
        } else {
          setState((s) => ({ step: 'result', job, seconds: s.step === 'running' ? (Date.now() - s.startedAt) / 1000 : 0 }));
          if (job.added + job.updated > 0) onDoneRef.current?.(job);
        }
      } catch (e) {
        if (!stop) setState({ step: 'failed', message: errorMessage(e) });
      }
    };
    timer = setTimeout(() => void tick(), 150);
    return () => { stop = true; clearTimeout(timer); };
  }, [jobId]);

  const start = async () => {
    if (!file) return;
    setState({ step: 'running', jobId: null, job: null, startedAt: Date.now() });
    try {
      const { jobId: id } = await importApi.start(entity, mode, file);
      setState((s) => (s.step === 'running' ? { ...s, jobId: id } : s));
    } catch (e) {
      setState({ step: 'failed', message: errorMessage(e) });
    }
  };

  const reset = () => { setState({ step: 'choose' }); setFile(null); };
  const entityName = t(`registryImport.entity.${entity}`);
  const current = state.step === 'choose' ? 0 : state.step === 'running' ? 1 : 2;
  const running = state.step === 'running';

  const chooseStep = (
    <div data-testid="import-step-choose">
      <Typography.Paragraph style={{ marginBottom: 12 }}>
        <Typography.Text strong>① </Typography.Text>{t('registryImport.templateHint')}
        <Button type="link" size="small" href={importApi.templateUrl(entity)} download icon={<DownloadOutlined />} data-testid="import-template">
          {t('registryImport.template', { entity: entityName })}
        </Button>
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 8 }}><Typography.Text strong>② </Typography.Text>{t('registryImport.chooseFile')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,.csv" multiple={false} showUploadList={false}
        beforeUpload={(f) => { setFile(f); return false; }}
        data-testid="import-file" style={{ padding: '4px 0' }}
      >
        {file ? (
          <p style={{ margin: '12px 0' }} data-testid="import-file-name"><FileExcelOutlined style={{ color: '#217346', fontSize: 20 }} /> {file.name}（{(file.size / 1024).toFixed(1)} KB）<br />
            <Typography.Text type="secondary">{t('registryImport.replaceFile')}</Typography.Text></p>
        ) : (
          <>
            <p className="ant-upload-drag-icon" style={{ marginBottom: 8 }}><InboxOutlined /></p>
            <p className="ant-upload-text">{t('registryImport.drop')}</p>
            <p className="ant-upload-hint">{t('registryImport.accepted')}</p>
          </>
        )}
      </Upload.Dragger>
      <Typography.Paragraph style={{ margin: '12px 0 4px' }}><Typography.Text strong>③ </Typography.Text>{t('registryImport.mode')}</Typography.Paragraph>
      <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ImportMode)} data-testid="import-mode">
        <Space orientation="vertical" size={4}>
          <Radio value="all-or-nothing" data-testid="import-mode-all">{t('registryImport.modeAll')}<Typography.Text type="secondary">　{t('registryImport.modeAllHint')}</Typography.Text></Radio>
          <Radio value="skip-invalid" data-testid="import-mode-skip">{t('registryImport.modeSkip')}<Typography.Text type="secondary">　{t('registryImport.modeSkipHint')}</Typography.Text></Radio>
        </Space>
      </Radio.Group>
    </div>
  );

  const runningStep = () => {
    if (state.step !== 'running') return null;
    const job = state.job;
    const total = job?.totalRows ?? 0;
    const done = job?.processedRows ?? 0;
    const secs = (Date.now() - state.startedAt) / 1000;
    const rate = secs > 0 ? Math.round(done / secs) : 0;
    return (
      <div style={{ padding: '24px 8px' }} data-testid="import-progress">
        <Typography.Paragraph>{t(job ? 'registryImport.checking' : 'registryImport.uploading', { name: file?.name ?? '' })}</Typography.Paragraph>
        <Progress percent={total > 0 ? Math.floor((done / total) * 100) : 0} status="active" strokeColor="#c62828" />
        <Typography.Text type="secondary" data-testid="import-progress-text">
          {total > 0 ? t('registryImport.progress', { done, total, rate }) : t('registryImport.reading')}
        </Typography.Text>
      </div>
    );
  };

  const problemColumn = (p: ImportJobProblem) => t(`registryImport.column.${p.column}`, { defaultValue: p.column || t('registryImport.wholeRow') });

  const resultStep = () => {
    if (state.step === 'failed') {
      return <Alert type="error" showIcon title={t('registryImport.failed')} description={state.message} data-testid="import-failed" />;
    }
    if (state.step !== 'result') return null;
    const { job } = state;
    const rejectedAll = job.status === 'rejected';
    const problems = job.problems ?? [];
    const rate = state.seconds > 0 ? Math.round(job.processedRows / state.seconds) : 0;
    let alert: React.ReactNode;
    if (job.status === 'failed') alert = <Alert type="error" showIcon title={t('registryImport.failed')} description={textOf(job.failure, i18n.language)} />;
    else if (rejectedAll) alert = <Alert type="error" showIcon title={t('registryImport.rejectedAll', { count: job.rejected })} description={t('registryImport.rejectedAllHint')} data-testid="import-rejected-all" />;
    else if (job.rejected > 0) alert = <Alert type="warning" showIcon title={t('registryImport.doneSkipped', { count: job.rejected })} />;
    else alert = <Alert type="success" showIcon title={t('registryImport.done')} />;
    return (
      <div data-testid="import-result" data-status={job.status}>
        {alert}
        <Row gutter={16} style={{ margin: '16px 0 8px' }}>
          <Col span={6}><Statistic title={t('registryImport.added')} value={job.added} styles={{ content: { color: '#389e0d' } }} data-testid="import-added" /></Col>
          <Col span={6}><Statistic title={t('registryImport.updated')} value={job.updated} styles={{ content: { color: '#1677ff' } }} data-testid="import-updated" /></Col>
          <Col span={6}><Statistic title={t('registryImport.unchanged')} value={job.unchanged} data-testid="import-unchanged" /></Col>
          <Col span={6}><Statistic title={t('registryImport.rejected')} value={job.rejected} styles={{ content: { color: job.rejected ? '#cf1322' : undefined } }} data-testid="import-rejected" /></Col>
        </Row>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('registryImport.summary', { name: job.fileName, total: job.totalRows, seconds: state.seconds.toFixed(1), rate })}
        </Typography.Text>
        {job.rejected > 0 && (
          <>
            <div style={{ display: 'flex', alignItems: 'center', margin: '12px 0 8px' }}>
              <Typography.Text strong style={{ flex: 1 }}>
                {problems.length < job.rejected ? t('registryImport.firstProblems', { count: problems.length }) : t('registryImport.problems')}
              </Typography.Text>
              <Button size="small" type="primary" ghost icon={<DownloadOutlined />} href={importApi.errorsUrl(job.id)} download data-testid="import-errors-download">
                {t('registryImport.downloadErrors')}
              </Button>
            </div>
            <Table<ImportJobProblem & { key: number }>
              size="small" bordered data-testid="import-problems"
              dataSource={problems.map((p, i) => ({ ...p, key: i }))}
              pagination={{ pageSize: 8, size: 'small', hideOnSinglePage: true }}
              columns={[
                { title: t('registryImport.row'), dataIndex: 'row', width: 80 },
                { title: t('registryImport.col'), width: 140, render: (_, p) => problemColumn(p) },
                { title: t('registryImport.reason'), render: (_, p) => textOf(p.reason, i18n.language) },
              ]}
            />
          </>
        )}
      </div>
    );
  };

  const footer = tab !== 'import' ? <Button onClick={onClose}>{t('common.close')}</Button> : (
    <Space>
      {state.step === 'choose' && (
        <Button type="primary" icon={<UploadOutlined />} disabled={!file} onClick={() => void start()} data-testid="import-start">{t('registryImport.start')}</Button>
      )}
      {(state.step === 'result' || state.step === 'failed') && <Button onClick={reset} data-testid="import-again">{t('registryImport.again')}</Button>}
      <Button onClick={onClose} disabled={running}>{t('common.close')}</Button>
    </Space>
  );

  return (
    <Modal
      title={t('registryImport.title', { entity: entityName })} open={open} onCancel={onClose} width={780} destroyOnHidden maskClosable={false}
      closable={!running} footer={footer} afterClose={() => { reset(); setTab('import'); }}
    >
      <div data-testid="registry-import-modal">
        <Tabs
          activeKey={tab} onChange={setTab} size="small"
          items={[
            {
              key: 'import', label: t('registryImport.tabImport'),
              children: (
                <>
                  <Steps
                    size="small" current={current} style={{ marginBottom: 16 }}
                    status={state.step === 'failed' || (state.step === 'result' && (state.job.status === 'rejected' || state.job.status === 'failed')) ? 'error' : undefined}
                    items={[{ title: t('registryImport.step1') }, { title: t('registryImport.step2') }, { title: t('registryImport.step3') }]}
                  />
                  {state.step === 'choose' ? chooseStep : state.step === 'running' ? runningStep() : resultStep()}
                </>
              ),
            },
            {
              key: 'history', label: <span data-testid="import-history-tab"><HistoryOutlined /> {t('registryImport.tabHistory')}</span>,
              disabled: running,
              children: tab === 'history' ? <ImportHistory entity={entity} /> : null,
            },
          ]}
        />
      </div>
    </Modal>
  );
}

/** 导入 button plus its dialog, for any registry list page. */
export function RegistryImportButton({ entity, onDone, disabled }: { entity: RegistryEntity; onDone?: (job: ImportJob) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} disabled={disabled} data-testid={`${entity}-import`}>{t('registryImport.button')}</Button>
      <ImportDialog entity={entity} open={open} onClose={() => setOpen(false)} onDone={onDone} />
    </>
  );
}
