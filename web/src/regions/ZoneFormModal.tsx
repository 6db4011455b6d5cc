// Create or edit a grid zone: name, the community's active grids, a chief and deputies chosen from
// the users the caller can see (GET /users?q=). Server refusals show inside the modal.
import { Alert, Form, Input, Select, Spin } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { regionsApi, usersApi, zonesApi } from '../api/endpoints';
import type { RegionDetail, UserView, ZoneView } from '../api/types';
import { errorMessage, useApi } from '../api/useApi';
import { ActionModal } from './ActionModal';

interface Props {
  community: RegionDetail;
  /** null to create. */
  zone: ZoneView | null;
  /** The community's other active zones, to show which grids are already taken. */
  others: ZoneView[];
  onClose: () => void;
  onDone: () => void;
}

interface Values { name: string; gridIds: number[]; chiefUserId?: number | null; deputyUserIds: number[] }

type Person = { id: number; displayName: string; username?: string };

/** Users matching the typed text, searched on the server; people already chosen stay labelled. */
function UserSelect({ value, onChange, multiple, known, placeholder, testId }: {
  value?: number | number[] | null;
  onChange?: (v: number | number[] | null) => void;
  multiple?: boolean;
  known: Person[];
  placeholder: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<UserView[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    const timer = setTimeout(() => {
      usersApi.list({ q: q.trim() || undefined, limit: 20 }).then(
        (r) => { if (mine === seq.current) { setFound(r.items.filter((u) => u.status === 'active')); setError(undefined); setLoading(false); } },
        (e: unknown) => { if (mine === seq.current) { setError(errorMessage(e)); setLoading(false); } },
      );
    }, q ? 250 : 0);
    return () => clearTimeout(timer);
  }, [q]);
  // Everyone seen so far, so a chosen person keeps a label after a search that no longer finds them.
  const seen = useRef(new Map<number, Person>());
  for (const p of known) if (!seen.current.has(p.id)) seen.current.set(p.id, p);
  for (const u of found) seen.current.set(u.id, u);
  const people = seen.current;
  const chosen = new Set(value == null ? [] : Array.isArray(value) ? value : [value]);
  // Chosen people first (so their labels survive a search that no longer finds them), then hits.
  const options = [...people.values()]
    .filter((p) => chosen.has(p.id) || found.some((u) => u.id === p.id))
    .map((p) => ({ value: p.id, label: p.username ? `${p.displayName}（${p.username}）` : p.displayName }));
  return (
    <>
      <Select
        mode={multiple ? 'multiple' : undefined}
        value={value ?? undefined}
        onChange={(v: number | number[] | undefined) => { onChange?.(v ?? (multiple ? [] : null)); setQ(''); }}
        allowClear
        placeholder={placeholder}
        showSearch={{ filterOption: false, onSearch: setQ, searchValue: q }}
        notFoundContent={loading ? <Spin size="small" /> : undefined}
        options={options}
        maxCount={multiple ? 10 : undefined}
        data-testid={testId}
        style={{ width: '100%' }}
      />
      {error && <Alert type="warning" showIcon title={t('zone.usersUnavailable', { message: error })} style={{ marginTop: 4 }} />}
    </>
  );
}

export function ZoneFormModal({ community, zone, others, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const grids = useApi(() => regionsApi.children(community.id), [community.id]);
  const takenBy = useMemo(() => new Map(others.flatMap((z) => z.grids.map((g) => [g.id, z.name] as const))), [others]);
  const known: Person[] = zone ? [...(zone.chief ? [zone.chief] : []), ...zone.deputies] : [];
  const initial: Values = zone
    ? { name: zone.name, gridIds: zone.grids.map((g) => g.id), chiefUserId: zone.chief?.id ?? null, deputyUserIds: zone.deputies.map((d) => d.id) }
    : { name: '', gridIds: [], chiefUserId: null, deputyUserIds: [] };

  const gridOptions = (grids.data?.items ?? [])
    .filter((g) => g.level === 5 && !g.archived)
    .map((g) => {
      const taken = takenBy.get(g.id);
      return { value: g.id, label: taken ? `${g.name}（${t('zone.takenBy', { zone: taken })}）` : g.name, disabled: !!taken };
    });

  const submit = async () => {
    const v = await form.validateFields();
    const body = { name: v.name.trim(), gridIds: v.gridIds ?? [], chiefUserId: v.chiefUserId ?? null, deputyUserIds: v.deputyUserIds ?? [] };
    if (zone) await zonesApi.update(zone.id, zone.version, body);
    else await zonesApi.create(community.id, body);
    onDone();
  };

  return (
    <ActionModal
      title={zone ? `${t('zone.edit')} · ${zone.name}` : `${t('zone.create')} · ${community.name}`}
      open onClose={onClose} onOk={submit} width={600} testId="zone-form-modal"
    >
      {grids.error && <Alert type="error" showIcon title={grids.error.message} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Form.Item name="name" label={t('zone.name')} rules={[{ required: true, whitespace: true, message: t('zone.nameRequired') }]}>
          <Input maxLength={100} placeholder={t('zone.namePlaceholder')} data-testid="zone-form-name" />
        </Form.Item>
        <Form.Item name="gridIds" label={t('zone.grids')} rules={[{ required: true, type: 'array', min: 1, message: t('zone.gridsRequired') }]}>
          <Select
            mode="multiple" allowClear loading={grids.loading} options={gridOptions} placeholder={t('zone.chooseGrids')}
            showSearch={{ optionFilterProp: 'label' }} data-testid="zone-form-grids"
          />
        </Form.Item>
        <Form.Item name="chiefUserId" label={t('zone.chief')}>
          <UserSelect known={known} placeholder={t('zone.chooseChief')} testId="zone-form-chief" />
        </Form.Item>
        <Form.Item
          name="deputyUserIds" label={t('zone.deputies')} dependencies={['chiefUserId']}
          rules={[({ getFieldValue }) => ({
            validator: (_, v?: number[]) => (v ?? []).includes(getFieldValue('chiefUserId')) ? Promise.reject(new Error(t('zone.chiefNotDeputy'))) : Promise.resolve(),
          })]}
        >
          <UserSelect multiple known={known} placeholder={t('zone.chooseDeputies')} testId="zone-form-deputies" />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
