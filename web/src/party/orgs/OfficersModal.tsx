// 书记、副书记、委员: the officers of an organization, edited as one list and saved at once
// (PUT replaces it; at most one secretary).
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionModal } from '../../regions/ActionModal';
import { OFFICER_ROLES, partyApi, type OfficerRole, type PartyOrgDetail } from '../api';
import { MemberSelect } from '../common';

interface Row { key: number; memberId: number | null; name: string; role: OfficerRole }

export function OfficersModal({ org, onClose, onDone }: { org: PartyOrgDetail; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Row[]>(org.officers.map((o, i) => ({ key: i, memberId: o.memberId, name: o.name, role: o.role as OfficerRole })));
  const [problem, setProblem] = useState<string>();
  const set = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const submit = async () => {
    const filled = rows.filter((r) => r.memberId);
    if (filled.filter((r) => r.role === 'secretary').length > 1) { setProblem(t('party.officers.oneSecretary')); throw Object.assign(new Error(), { errorFields: [] }); }
    await partyApi.setOfficers(org.id, filled.map((r) => ({ memberId: r.memberId!, role: r.role })));
    onDone();
  };
  return (
    <ActionModal title={`${t('party.officers.title')} · ${org.name}`} open onClose={onClose} onOk={submit} width={640} testId="officers-modal">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('party.officers.hint')} />
        {problem && <Alert type="error" showIcon title={problem} />}
        <Table<Row> size="small" rowKey="key" pagination={false} dataSource={rows} locale={{ emptyText: t('party.officers.none') }} columns={[
          {
            title: t('party.officers.member'), render: (_, r) => (
              <MemberSelect value={r.memberId} initial={r.memberId ? { id: r.memberId, name: r.name } : null} orgId={org.id} width="100%"
                onChange={(id, name) => set(r.key, { memberId: id, name: name ?? '' })} testId={`officer-member-${r.key}`} />
            ),
          },
          {
            title: t('party.officers.role'), width: 150, render: (_, r) => (
              <Select value={r.role} style={{ width: '100%' }} onChange={(role: OfficerRole) => set(r.key, { role })} data-testid={`officer-role-${r.key}`}
                options={OFFICER_ROLES.map((x) => ({ value: x, label: t(`party.officerRole.${x}`) }))} />
            ),
          },
          { title: '', width: 44, render: (_, r) => <Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} /> },
        ]} />
        <Button icon={<PlusOutlined />} onClick={() => setRows((rs) => [...rs, { key: Date.now(), memberId: null, name: '', role: rs.some((r) => r.role === 'secretary') ? 'committeeMember' : 'secretary' }])} data-testid="officer-add">
          {t('party.officers.add')}
        </Button>
      </Space>
    </ActionModal>
  );
}
