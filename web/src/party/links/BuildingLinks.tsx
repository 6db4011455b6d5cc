// 楼栋联户: pick a building, see its households by link state; choose a liaison household (党员中心户),
// click households to link or unlink them, then save (PUT replaces that liaison's whole list, so
// households it links in other buildings are kept in the draft too).
import { PlusOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { errorMessage, useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { ErrorResult } from '../../shell/ErrorResult';
import { partyApi, type LiaisonDetail, type LinkHousehold, type PartyRules } from '../api';
import { BuildingSelect, Labeled } from '../common';
import { LiaisonFormModal } from './LiaisonFormModal';
import { LinkFloorTable, LinkLegend } from './LinkFloorTable';
import { RangeTag } from './RangeTag';

export function BuildingLinks({ rules }: { rules?: PartyRules }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const [sp, setSp] = useSearchParams();
  const buildingId = Number(sp.get('building')) || null;
  const view = useApi(() => (buildingId ? partyApi.buildingLinks(buildingId) : Promise.resolve(undefined)), [buildingId]);
  const [selected, setSelected] = useState<number | null>(null);
  const [detail, setDetail] = useState<LiaisonDetail | null>(null);
  const [draft, setDraft] = useState<Set<number> | null>(null);
  const [busy, setBusy] = useState(false);
  const [creating, setCreating] = useState<number | undefined | null>(null);
  const writable = can('party.write');

  useEffect(() => { setSelected(null); setDetail(null); setDraft(null); }, [buildingId]);

  const dirty = useMemo(() => {
    if (!detail || !draft) return false;
    const base = new Set(detail.households.map((h) => h.id));
    return base.size !== draft.size || [...draft].some((id) => !base.has(id));
  }, [detail, draft]);

  const choose = async (id: number | null) => {
    const go = async () => {
      setSelected(id);
      setDetail(null);
      setDraft(null);
      if (!id) return;
      try {
        const d = await partyApi.liaison(id);
        setDetail(d);
        setDraft(new Set(d.households.map((h) => h.id)));
      } catch (e) { message.error(errorMessage(e)); setSelected(null); }
    };
    if (dirty) modal.confirm({ title: t('party.links.discardConfirm'), onOk: go });
    else await go();
  };

  const click = (h: LinkHousehold) => {
    if (selected === null || !draft) {
      if (h.isLiaison && h.ownLiaisonId) void choose(h.ownLiaisonId);
      else if (writable && !h.liaisonId) message.info(t('party.links.chooseLiaisonFirst'));
      else if (h.liaisonId) void choose(h.liaisonId);
      return;
    }
    if (!writable) return;
    if (h.isLiaison) { if (h.ownLiaisonId !== selected && h.ownLiaisonId) void choose(h.ownLiaisonId); return; }
    if (h.liaisonId && h.liaisonId !== selected) { message.warning(t('party.links.linkedElsewhere', { name: h.liaisonMemberName ?? '' })); return; }
    const next = new Set(draft);
    if (next.has(h.id)) next.delete(h.id); else next.add(h.id);
    setDraft(next);
  };

  const save = async () => {
    if (!detail || !draft) return;
    setBusy(true);
    try {
      const d = await partyApi.setLinks(detail.id, [...draft], detail.version);
      setDetail(d);
      setDraft(new Set(d.households.map((h) => h.id)));
      message.success(t('party.links.saved', { n: d.linkedCount }));
      view.reload();
    } catch (e) { message.error(errorMessage(e)); } finally { setBusy(false); }
  };

  const v = view.data && view.data.building.id === buildingId ? view.data : undefined;
  const households = useMemo(() => (v ? v.cells.flatMap((c) => c.households.map((h) => ({ ...h, label: `${c.number}　${h.headName ?? h.number}` }))) : []), [v]);
  const inBuilding = useMemo(() => new Set(households.map((h) => h.id)), [households]);
  const elsewhere = draft ? [...draft].filter((id) => !inBuilding.has(id)).length : 0;
  const range = rules?.householdsPerLiaison;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap size={[12, 8]}>
        <Labeled label={t('party.links.building')}>
          <BuildingSelect value={buildingId} initial={v ? { id: v.building.id, name: v.building.name } : null}
            onChange={(id) => setSp(id ? { tab: 'building', building: String(id) } : { tab: 'building' })} width={320} testId="links-building" />
        </Labeled>
        {v && (
          <Labeled label={t('party.links.liaison')}>
            <Select allowClear value={selected ?? undefined} style={{ width: 280 }} placeholder={t('party.links.chooseLiaison')} data-testid="links-liaison"
              onChange={(id?: number) => void choose(id ?? null)}
              options={v.liaisons.map((l) => ({ value: l.id, label: `${l.member.name}　${l.household.number}　${t('party.links.householdsN', { n: l.linkedCount })}` }))} />
          </Labeled>
        )}
        {v && writable && <Button icon={<PlusOutlined />} onClick={() => setCreating(undefined)} data-testid="links-create-liaison">{t('party.links.createLiaison')}</Button>}
      </Space>
      {!buildingId ? <Card size="small"><Empty description={t('party.links.chooseBuilding')} data-testid="links-choose-building" /></Card>
        : view.error ? <ErrorResult error={view.error} onRetry={view.reload} />
          : !v ? <Card size="small"><Skeleton active /></Card> : (
            <Card size="small"
              title={<Space wrap><span data-testid="links-building-name">{v.building.name}</span>
                <Tag>{t('party.links.summaryHouseholds', { n: v.summary.households })}</Tag>
                <Tag color="blue">{t('party.links.summaryLinked', { n: v.summary.linked })}</Tag>
                <Tag color="red">{t('party.links.summaryLiaisons', { n: v.summary.liaisons })}</Tag>
                <Tag>{t('party.links.summaryUnlinked', { n: v.summary.unlinked })}</Tag></Space>}
              extra={detail && writable && (
                <Space>
                  <Button icon={<UndoOutlined />} disabled={!dirty} onClick={() => setDraft(new Set(detail.households.map((h) => h.id)))}>{t('party.links.reset')}</Button>
                  <Button type="primary" icon={<SaveOutlined />} disabled={!dirty} loading={busy} onClick={() => void save()} data-testid="links-save">{t('common.save')}</Button>
                </Space>
              )}>
              {detail && draft ? (
                <Alert type={dirty ? 'warning' : 'info'} showIcon style={{ marginBottom: 12 }} data-testid="links-editing"
                  title={(
                    <Space wrap>
                      <span>{t('party.links.editing', { name: detail.member.name, household: detail.household.number })}</span>
                      <Typography.Text strong data-testid="links-draft-count">{t('party.links.householdsN', { n: draft.size })}</Typography.Text>
                      {range && <RangeTag count={draft.size} min={range.min} max={range.max} />}
                      {elsewhere > 0 && <Tag>{t('party.links.elsewhere', { n: elsewhere })}</Tag>}
                      {detail.leader && <span>{t('party.links.leaderIs', { name: detail.leader.name })}</span>}
                      {dirty && <Typography.Text type="warning">{t('party.links.unsaved')}</Typography.Text>}
                    </Space>
                  )}
                  description={writable ? t('party.links.editHint') : undefined} />
              ) : (
                <Alert type="info" showIcon style={{ marginBottom: 12 }} title={writable ? t('party.links.pickHint') : t('party.links.readHint')} />
              )}
              <div style={{ marginBottom: 8 }}><LinkLegend view={v} selected={selected} draft={draft} /></div>
              <LinkFloorTable view={v} selected={selected} draft={draft} onClick={click} />
            </Card>
          )}
      {creating !== null && v && (
        <LiaisonFormModal households={households} defaultHouseholdId={creating} onClose={() => setCreating(null)}
          onDone={(l) => { setCreating(null); view.reload(); void choose(l.id); message.success(t('party.links.liaisonCreated')); }} />
      )}
    </Space>
  );
}
