// A modal whose OK runs an async action and shows the server's message if it fails.
import { Alert, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../api/useApi';

interface Props {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  onOk: () => Promise<void>;
  width?: number;
  children: ReactNode;
  testId?: string;
}

export function ActionModal({ title, open, onClose, onOk, width, children, testId }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const ok = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onOk();
    } catch (e) {
      // Form validation errors carry errorFields; the form already shows them.
      if (!(e && typeof e === 'object' && 'errorFields' in e)) setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={title} open={open} onCancel={onClose} onOk={() => void ok()} confirmLoading={busy} width={width}
      destroyOnHidden afterClose={() => setError(undefined)} maskClosable={false}
    >
      <div data-testid={testId}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="modal-error" />}
        {children}
      </div>
    </Modal>
  );
}
