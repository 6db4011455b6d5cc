// 工作日历: the year's holidays (休) and adjusted working weekend days (班) as twelve month grids and
// a list, editable by those the server allows (cases.configure and a scope covering every region).
// Case deadlines count working time on this calendar, so the page says what an edit changes.
import { DeleteOutlined, EditOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Popconfirm, Radio, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarYearView, DayKind, SpecialDay } from '../../../src/modules/calendar/calendar';
import { api, request } from '../api/client';
import { errorMessage, useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { ActionModal } from '../regions/ActionModal';
import { ErrorResult } from '../shell/ErrorResult';

const calendarApi = {
  year: (year: number) => api.get<CalendarYearView>('/calendar', { year }),
  put: (day: string, kind: DayKind, name: string) => api.put<SpecialDay>(`/calendar/days/${day}`, { kind, name }),
  remove: (day: string) => request<void>('DELETE', `/calendar/days/${day}`),
};

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
const STYLE: Record<DayKind | 'weekend', { background: string; color: string }> = {
  holiday: { background: '#fde2e2', color: '#b71c1c' },
  workday: { background: '#e3ecfd', color: '#1d4ed8' },
  weekend: { background: 'transparent', color: '#9e9e9e' },
};
/** Monday-first column of a day (dayjs: 0 = Sunday). */
const column = (d: Dayjs) => (d.day() + 6) % 7;
const isWeekend = (day: string) => [0, 6].includes(dayjs(day).day());

function MonthGrid({ year, month, special, today, onPick }: { year: number; month: number; special: Map<string, SpecialDay>; today: string; onPick?: (day: string) => void }) {
  const { t } = useTranslation();
  const first = dayjs(new Date(year, month, 1));
  const cells: (string | null)[] = [...Array<null>(column(first)).fill(null)];
  for (let i = 1; i <= first.daysInMonth(); i++) cells.push(first.date(i).format('YYYY-MM-DD'));
  const head = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w0'] as const;
  return (
    <div data-testid={`calendar-month-${month + 1}`}>
      <Typography.Text strong>{first.format('MMMM')}</Typography.Text>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, marginTop: 4, fontSize: 12, textAlign: 'center' }}>
        {head.map((w) => <div key={w} style={{ color: '#888' }}>{t(`calendar.weekdays.${w}`)}</div>)}
        {cells.map((day, i) => {
          if (!day) return <div key={`blank-${i}`} />;
          const s = special.get(day);
          const look = s ? STYLE[s.kind] : isWeekend(day) ? STYLE.weekend : { background: 'transparent', color: 'inherit' };
          const cell = (
            <div
              key={day}
              data-testid={`calendar-day-${day}`}
              data-kind={s?.kind ?? (isWeekend(day) ? 'weekend' : 'working')}
              onClick={onPick ? () => onPick(day) : undefined}
              style={{
                ...look, borderRadius: 3, padding: '2px 0', lineHeight: 1.2, cursor: onPick ? 'pointer' : 'default',
                outline: day === today ? '1px solid #c62828' : undefined,
              }}
            >
              <div>{Number(day.slice(8))}</div>
              <div style={{ fontSize: 10, minHeight: 12 }}>{s ? t(`calendar.mark.${s.kind}`) : ''}</div>
            </div>
          );
          return s?.name ? <Tooltip key={day} title={s.name}>{cell}</Tooltip> : cell;
        })}
      </div>
    </div>
  );
}

function DayModal({ target, year, onClose, onDone }: { target: { day: string | null; existing?: SpecialDay }; year: number; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ day?: Dayjs; kind: DayKind; name: string }>();
  const kind = Form.useWatch('kind', form);
  const picked = Form.useWatch('day', form);
  const day = target.day ?? (picked ? picked.format('YYYY-MM-DD') : null);
  const weekdayWorkday = !!day && kind === 'workday' && !isWeekend(day);
  const weekendHoliday = !!day && kind === 'holiday' && isWeekend(day);
  const submit = async () => {
    const v = await form.validateFields();
    const d = target.day ?? v.day!.format('YYYY-MM-DD');
    await calendarApi.put(d, v.kind, v.name?.trim() ?? '');
    onDone();
  };
  const initialKind: DayKind = target.existing?.kind ?? (target.day && isWeekend(target.day) ? 'workday' : 'holiday');
  return (
    <ActionModal open title={target.day ? t('calendar.modalTitle', { day: `${target.day} ${dayjs(target.day).format('ddd')}` }) : t('calendar.newTitle')} onClose={onClose} onOk={submit} testId="calendar-modal">
      <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: initialKind, name: target.existing?.name ?? '', day: target.day ? undefined : dayjs(new Date(year, 0, 1)) }}>
        {!target.day && (
          <Form.Item name="day" label={t('calendar.day')} rules={[{ required: true, message: t('calendar.dayRequired') }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.year() < MIN_YEAR || d.year() > MAX_YEAR} data-testid="calendar-modal-day" />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('calendar.kind')}>
          <Radio.Group optionType="button" options={(['holiday', 'workday'] as const).map((k) => ({ value: k, label: t(`calendar.kinds.${k}`) }))} data-testid="calendar-modal-kind" />
        </Form.Item>
        <Form.Item name="name" label={t('calendar.name')} rules={[{ max: 50 }]}>
          <Input maxLength={50} placeholder={t('calendar.namePlaceholder')} data-testid="calendar-modal-name" />
        </Form.Item>
        {weekdayWorkday && <Alert type="warning" showIcon title={t('calendar.weekdayWorkday')} />}
        {weekendHoliday && <Alert type="info" showIcon title={t('calendar.weekendHoliday')} />}
      </Form>
    </ActionModal>
  );
}

export default function CalendarPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const [year, setYear] = useState(() => dayjs().year());
  const [target, setTarget] = useState<{ day: string | null; existing?: SpecialDay } | null>(null);
  const data = useApi(() => calendarApi.year(year), [year]);
  const days = useMemo(() => data.data?.days ?? [], [data.data]);
  const special = useMemo(() => new Map(days.map((d) => [d.day, d])), [days]);
  const editable = !!data.data?.editable && can('cases.configure');
  const today = dayjs().format('YYYY-MM-DD');

  if (data.error) return <ErrorResult error={data.error} onRetry={data.reload} />;
  const holidays = days.filter((d) => d.kind === 'holiday');
  const remove = async (day: string) => {
    try {
      await calendarApi.remove(day);
      message.success(t('calendar.removed'));
      data.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const pick = editable ? (day: string) => setTarget({ day, existing: special.get(day) }) : undefined;

  return (
    <Card
      title={t('calendar.title')}
      data-testid="calendar-page"
      extra={
        <Space>
          <Button icon={<LeftOutlined />} disabled={year <= MIN_YEAR} onClick={() => setYear(year - 1)} aria-label={t('calendar.prevYear')} />
          <Typography.Text strong data-testid="calendar-year">{t('calendar.year', { year })}</Typography.Text>
          <Button icon={<RightOutlined />} disabled={year >= MAX_YEAR} onClick={() => setYear(year + 1)} aria-label={t('calendar.nextYear')} />
          {year !== dayjs().year() && <Button onClick={() => setYear(dayjs().year())}>{t('calendar.thisYear')}</Button>}
          {editable && <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ day: null })} data-testid="calendar-add">{t('calendar.add')}</Button>}
        </Space>
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('calendar.hint')} description={editable ? t('calendar.effect') : t('calendar.readOnly')} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag style={STYLE.holiday}>{t('calendar.mark.holiday')} · {t('calendar.legend.holiday')}</Tag>
        <Tag style={STYLE.workday}>{t('calendar.mark.workday')} · {t('calendar.legend.workday')}</Tag>
        <Tag style={{ color: STYLE.weekend.color }}>{t('calendar.legend.weekend')}</Tag>
        <Tag style={{ outline: '1px solid #c62828' }}>{t('calendar.legend.today')}</Tag>
        {!data.loading && days.length > 0 && (
          <Typography.Text type="secondary" data-testid="calendar-summary">
            {t('calendar.summary', { holidays: holidays.length, weekdays: holidays.filter((d) => !isWeekend(d.day)).length, workdays: days.length - holidays.length })}
          </Typography.Text>
        )}
      </Space>
      {!data.loading && days.length === 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('calendar.empty', { year })} />}
      <Row gutter={[16, 16]}>
        {Array.from({ length: 12 }, (_, m) => (
          <Col key={m} xs={24} sm={12} lg={8} xl={6}>
            <MonthGrid year={year} month={m} special={special} today={today} onPick={pick} />
          </Col>
        ))}
      </Row>
      <Table<SpecialDay>
        style={{ marginTop: 16 }} size="small" rowKey="day" bordered loading={data.loading} dataSource={days} pagination={false} data-testid="calendar-table"
        columns={[
          { title: t('calendar.table.day'), dataIndex: 'day', width: 120 },
          { title: t('calendar.table.weekday'), key: 'weekday', width: 90, render: (_, d) => dayjs(d.day).format('ddd') },
          { title: t('calendar.table.kind'), dataIndex: 'kind', width: 140, render: (k: DayKind) => <Tag style={STYLE[k]}>{t(`calendar.kinds.${k}`)}</Tag> },
          { title: t('calendar.table.name'), dataIndex: 'name' },
          ...(editable
            ? [{
                title: t('common.actions'), key: 'actions', width: 160,
                render: (_: unknown, d: SpecialDay) => (
                  <Space size="small">
                    <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setTarget({ day: d.day, existing: d })} data-testid={`calendar-edit-${d.day}`}>{t('calendar.edit')}</Button>
                    <Popconfirm title={t('calendar.removeConfirm', { day: d.day })} onConfirm={() => remove(d.day)} okText={t('common.ok')} cancelText={t('common.cancel')}>
                      <Button size="small" type="link" danger icon={<DeleteOutlined />} data-testid={`calendar-remove-${d.day}`}>{t('calendar.remove')}</Button>
                    </Popconfirm>
                  </Space>
                ),
              }]
            : []),
        ]}
      />
      {target && (
        <DayModal
          target={target} year={year} onClose={() => setTarget(null)}
          onDone={() => { setTarget(null); message.success(t('calendar.saved')); data.reload(); }}
        />
      )}
    </Card>
  );
}
