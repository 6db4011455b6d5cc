// Residents and households seen on the visit: search the grid's residents by name, add them, mark
// "the whole household" when the family was visited. Each change is saved at once (PUT replaces
// the lists), so a lost phone or a closed page keeps what was entered.
import { CloseOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Empty } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/useApi';
import { Section } from '../../public/report/PhoneShell';
import { visitsApi, type VisitDetail } from '../api';
import { ResidentSelect, type Option } from '../pickers';

export interface Picked { id: number; name: string; sub?: string; householdId: number | null; whole: boolean }

interface Props {
  visitId: number;
  regionId: number;
  initial: Picked[];
  /** Households listed on their own (no resident of theirs picked). */
  extraHouseholds: number[];
  peopleCount: number;
  onSaved: (d: VisitDetail) => void;
}

export default function PeoplePicker({ visitId, regionId, initial, extraHouseholds, peopleCount, onSaved }: Props) {
  const { t } = useTranslation();
  const [people, setPeople] = useState<Picked[]>(initial);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const lastGood = useRef<Picked[]>(initial);

  const save = async (next: Picked[]) => {
    setPeople(next);
    setSaving(true);
    setError(null);
    try {
      const households = [...new Set([...extraHouseholds, ...next.filter((p) => p.whole && p.householdId).map((p) => p.householdId!)])];
      const d = await visitsApi.people(visitId, next.map((p) => p.id), households);
      lastGood.current = next;
      onSaved(d);
    } catch (e) {
      setError(errorMessage(e));
      setPeople(lastGood.current);
    } finally {
      setSaving(false);
    }
  };

  const add = (o: Option) => {
    setPickerKey((k) => k + 1);
    if (people.some((p) => p.id === o.value)) return;
    void save([...people, { id: o.value, name: o.label, sub: o.sub, householdId: o.householdId ?? null, whole: false }]);
  };

  return (
    <Section title={t('workforce.phone.people', { n: peopleCount })} testId="visit-people">
      <ResidentSelect
        key={pickerKey} regionId={regionId} placeholder={t('workforce.phone.searchResident')} testId="visit-people-search" allowClear={false}
        onChange={(_, o) => o && add(o)}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 10 }} />}
      {people.length ? (
        <div style={{ marginTop: 10 }}>
          {people.map((p) => (
            <div key={p.id} style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '10px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="visit-person">
              <div style={{ flex: 1, minWidth: 0 }}>
                <div style={{ fontSize: 16 }}>{p.name}</div>
                {p.sub && <div style={{ fontSize: 12, color: '#8c8c8c', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{p.sub}</div>}
              </div>
              {p.householdId && (
                <Checkbox checked={p.whole} disabled={saving} onChange={(e) => void save(people.map((x) => (x.id === p.id ? { ...x, whole: e.target.checked } : x)))} data-testid="visit-person-household">
                  <TeamOutlined /> {t('workforce.phone.wholeHousehold')}
                </Checkbox>
              )}
              <Button type="text" icon={<CloseOutlined />} disabled={saving} onClick={() => void save(people.filter((x) => x.id !== p.id))} aria-label={t('workforce.phone.remove')} data-testid="visit-person-remove" />
            </div>
          ))}
        </div>
      ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workforce.phone.noPeople')} style={{ margin: '12px 0 0' }} />}
    </Section>
  );
}
