// A member's mobile: masked in lists; with `pii.read` the full number can be shown once confirmed
// (the server writes an audit row for each reveal).
import { EyeOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { partyApi } from '../api';

const mono: React.CSSProperties = { fontFamily: 'monospace', whiteSpace: 'nowrap' };

export function MobileCell({ memberId, masked }: { memberId: number; masked: string | null }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [full, setFull] = useState<string | null>();
  const [busy, setBusy] = useState(false);
  if (!masked) return <span>{t('common.none')}</span>;
  if (full !== undefined) return <span style={mono} data-testid={`member-mobile-full-${memberId}`}>{full ?? t('common.none')}</span>;
  const reveal = async () => {
    setBusy(true);
    try { setFull((await partyApi.revealMember(memberId)).mobile); } catch (e) { message.error(errorMessage(e)); } finally { setBusy(false); }
  };
  return (
    <Space size={2}>
      <span style={mono}>{masked}</span>
      {can('pii.read') && (
        <Popconfirm title={t('party.member.revealConfirm')} onConfirm={() => void reveal()} okText={t('party.member.reveal')}>
          <Button type="link" size="small" icon={<EyeOutlined />} loading={busy} title={t('party.member.reveal')} aria-label={t('party.member.reveal')} data-testid={`member-reveal-${memberId}`} />
        </Popconfirm>
      )}
    </Space>
  );
}
