// 居民详情: who (header), 基本信息, 户, 住址, 候鸟时段, 迁移记录, and the actions 编辑 / 迁居 / 注销 / 恢复.
import { ArrowLeftOutlined, EditOutlined, RollbackOutlined, StopOutlined, SwapOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Card, Col, Row, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { errorMessage, useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthContext';
import { ErrorResult } from '../../shell/ErrorResult';
import { residentsApi } from './api';
import { ArchiveModal, MoveModal } from './ResidentActionModals';
import { ResidentBasicCard } from './ResidentBasicCard';
import { ResidentFormModal } from './ResidentFormModal';
import { ResidentMovesCard, ResidentStaysCard } from './ResidentHistoryCards';
import { ResidentAddressCard, ResidentHouseholdCard } from './ResidentPlaceCards';
import { CareTags, ResidenceTypeTag } from './ResidentTags';

type Dialog = 'edit' | 'move' | 'archive' | null;

export default function ResidentPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const res = useApi(() => residentsApi.get(Number(id)), [id]);
  const r = res.data;

  if (res.error) return <ErrorResult error={res.error} onRetry={res.reload} />;
  if (!r) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  const writable = can('registry.write');
  const done = () => { setDialog(null); message.success(t('common.success')); res.reload(); };
  const restore = () => modal.confirm({
    title: t('people.restore.confirm', { name: r.name }),
    okButtonProps: { 'data-testid': 'restore-ok' } as never,
    onOk: async () => {
      try { await residentsApi.restore(r.id, r.version); done(); } catch (e) { message.error(errorMessage(e)); }
    },
  });

  return (
    <div data-testid="resident-page" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Card size="small" styles={{ body: { padding: '12px 16px' } }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 16, flexWrap: 'wrap' }}>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} title={t('people.back')} />
          <Avatar size={48} icon={<UserOutlined />} style={{ background: r.gender === 'female' ? '#d4698b' : '#3f6fb5' }} />
          <div style={{ flex: 1, minWidth: 280 }}>
            <Space size={10} align="center" wrap>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="resident-name">{r.name}</Typography.Title>
              <span>{t(`people.gender.${r.gender}`)}</span>
              <span>{t('people.ageValue', { age: r.age })}</span>
              <ResidenceTypeTag type={r.residenceType} />
              {r.seasonal && <Tag color="cyan" style={{ marginInlineEnd: 0 }}>{t('people.field.seasonalShort')}</Tag>}
              {r.archived && <Tag color="default" data-testid="resident-archived">{t('people.archived')}{r.leftReason ? ` · ${t(`people.leftReason.${r.leftReason}`, { defaultValue: r.leftReason })}` : ''}</Tag>}
            </Space>
            <div style={{ marginTop: 6, display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
              <span data-testid="resident-tags"><CareTags codes={r.tags.map((x) => x.code)} /></span>
              <Typography.Text type="secondary">{r.address || t('people.noDwelling')}</Typography.Text>
            </div>
          </div>
          {writable && (
            <Space wrap>
              {!r.archived && <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="resident-edit">{t('common.edit')}</Button>}
              {!r.archived && <Button icon={<SwapOutlined />} onClick={() => setDialog('move')} data-testid="resident-move">{t('people.move.button')}</Button>}
              {!r.archived && <Button danger icon={<StopOutlined />} onClick={() => setDialog('archive')} data-testid="resident-archive">{t('people.archive.button')}</Button>}
              {r.archived && <Button type="primary" icon={<RollbackOutlined />} onClick={restore} data-testid="resident-restore">{t('people.restore.button')}</Button>}
            </Space>
          )}
        </div>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={13}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <ResidentBasicCard key={r.id} r={r} />
            <ResidentAddressCard r={r} />
          </Space>
        </Col>
        <Col xs={24} xl={11}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <ResidentHouseholdCard r={r} />
            <ResidentStaysCard r={r} writable={writable} onChanged={done} />
            <ResidentMovesCard r={r} />
          </Space>
        </Col>
      </Row>
      {dialog === 'edit' && <ResidentFormModal resident={r} onClose={() => setDialog(null)} onDone={done} />}
      {dialog === 'move' && <MoveModal r={r} onClose={() => setDialog(null)} onDone={done} />}
      {dialog === 'archive' && <ArchiveModal r={r} onClose={() => setDialog(null)} onDone={done} />}
    </div>
  );
}
