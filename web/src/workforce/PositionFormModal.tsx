// Assign a position to a worker: kind, the region (grid, community, villagers' group …), the
// building for building and unit heads, the team for stationed-team members (and whether they
// lead it), and the start date. One person may hold several positions.
import { Alert, Checkbox, DatePicker, Form, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { POSITION_KINDS } from '../../../src/modules/workforce/workforce.model';
import { errorMessage, useApi } from '../api/useApi';
import { RegionPicker } from '../regions/RegionPicker';
import { positionsApi, teamsApi, type PositionKind, type PositionView } from './api';
import { BuildingSelect, WorkerSelect } from './pickers';
import { DAY } from './time';

export const KINDS = Object.keys(POSITION_KINDS) as PositionKind[];

interface Props {
  open: boolean;
  /** Fixed worker (assigning from a worker's row), or chosen in the form. */
  worker?: { id: number; name: string } | null;
  /** Preset team (adding a member to a stationed team). */
  team?: { id: number; name: string; region: { id: number; name: string } } | null;
  /** Preset region (filling a grid's gap from its team). */
  region?: { id: number; name: string } | null;
  onClose: () => void;
  onSaved: (p: PositionView) => void;
}

interface Values {
  workerId: number;
  kind: PositionKind;
  regionId: number;
  buildingId?: number;
  teamId?: number;
  isLeader?: boolean;
  startOn: Dayjs;
}

export default function PositionFormModal({ open, worker, team, region, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const regionId = Form.useWatch('regionId', form);
  const teams = useApi(() => (open && kind === 'stationedMember' && !team ? teamsApi.list() : Promise.resolve({ items: [] })), [open, kind, team?.id]);

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const picked = team ?? teams.data?.items.find((x) => x.id === v.teamId);
      const p = await positionsApi.create({
        workerId: worker?.id ?? v.workerId, kind: v.kind, regionId: v.kind === 'stationedMember' && picked ? picked.region.id : v.regionId,
        buildingId: v.buildingId, teamId: v.kind === 'stationedMember' ? (team?.id ?? v.teamId) : undefined,
        isLeader: v.kind === 'stationedMember' ? !!v.isLeader : undefined, startOn: v.startOn.format(DAY),
      });
      onSaved(p);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const needsBuilding = kind === 'buildingHead' || kind === 'unitHead';
  const isTeam = kind === 'stationedMember';
  return (
    <Modal
      open={open} onCancel={onClose} destroyOnHidden width={520} confirmLoading={saving} okText={t('common.save')} onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'position-form-submit' } as never} data-testid="position-form"
      title={worker ? t('workforce.positions.assignTo', { name: worker.name }) : team ? t('workforce.teams.addMemberTo', { name: team.name }) : t('workforce.positions.assign')}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="position-form-error" />}
      <Form<Values>
        form={form} layout="vertical" preserve={false} onFinish={(v) => void submit(v)}
        initialValues={{ startOn: dayjs(), kind: team ? 'stationedMember' : undefined, teamId: team?.id, regionId: team?.region.id ?? region?.id }}
      >
        {!worker && (
          <Form.Item name="workerId" label={t('workforce.positions.worker')} rules={[{ required: true, message: t('workforce.positions.workerRequired') }]}>
            <WorkerSelect testId="position-form-worker" />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('workforce.positions.kind')} rules={[{ required: true, message: t('workforce.positions.kindRequired') }]}>
          <Select
            disabled={!!team} showSearch={{ optionFilterProp: 'label' }} data-testid="position-form-kind"
            options={KINDS.map((k) => ({ value: k, label: t(`workforce.kind.${k}`) }))}
          />
        </Form.Item>
        {isTeam && !team && (
          <Form.Item name="teamId" label={t('workforce.positions.team')} rules={[{ required: true, message: t('workforce.positions.teamRequired') }]}>
            <Select
              loading={teams.loading} data-testid="position-form-team" showSearch={{ optionFilterProp: 'label' }}
              options={(teams.data?.items ?? []).filter((x) => !x.endOn).map((x) => ({ value: x.id, label: `${x.name}（${x.region.name}）` }))}
            />
          </Form.Item>
        )}
        {!isTeam && (
          <Form.Item name="regionId" label={t('workforce.positions.region')} rules={[{ required: true, message: t('workforce.positions.regionRequired') }]} extra={t(`workforce.positions.regionHint`)}>
            <RegionPicker allowClear={false} initial={region ?? null} testId="position-form-region" />
          </Form.Item>
        )}
        {needsBuilding && (
          <Form.Item name="buildingId" label={t('workforce.positions.building')} rules={[{ required: true, message: t('workforce.positions.buildingRequired') }]}>
            <BuildingSelect regionId={regionId} disabled={!regionId} testId="position-form-building" />
          </Form.Item>
        )}
        {isTeam && (
          <Form.Item name="isLeader" valuePropName="checked">
            <Checkbox data-testid="position-form-leader">{t('workforce.positions.isLeader')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="startOn" label={t('workforce.positions.startOn')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} style={{ width: '100%' }} data-testid="position-form-start" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
