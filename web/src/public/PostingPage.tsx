// 出租屋信息公示牌: the public door sign of a rental (no login). Only what may hang on a door:
// address, community / grid, landlord (masked), lease period, how many live there, a code to
// quote to the community. Printed on A5; everything but the card is hidden when printing.
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { housingApi } from '../registry/housing/api';
import { useApi } from '../api/useApi';

const PRINT_CSS = `
@page { size: A5 portrait; margin: 8mm; }
@media print {
  body { background: #fff !important; }
  .posting-screen-only { display: none !important; }
  .posting-page { padding: 0 !important; background: #fff !important; min-height: 0 !important; }
  .posting-card { box-shadow: none !important; margin: 0 auto !important; width: 132mm !important; min-height: 190mm !important; }
}
`;

const row: React.CSSProperties = { display: 'flex', borderBottom: '1px solid #e3c9c9', padding: '9px 4px', fontSize: 15, lineHeight: 1.5 };
const label: React.CSSProperties = { width: 92, flex: 'none', color: '#7a1f1f', fontWeight: 600, letterSpacing: 1 };

export default function PostingPage() {
  const { t } = useTranslation();
  const code = useParams().code ?? '';
  const p = useApi(() => housingApi.posting(code), [code]);

  if (p.loading && !p.data) return <Spin size="large" style={{ display: 'block', marginTop: '30vh' }} />;
  if (p.error || !p.data) {
    return <Result status="404" title={t('posting.notFound')} subTitle={t('posting.notFoundSub')} data-testid="posting-not-found" />;
  }
  const d = p.data;
  const items: [string, React.ReactNode, string][] = [
    [t('posting.address'), d.address.full, 'address'],
    [t('posting.community'), [d.region.community, d.region.grid].filter(Boolean).join(' · ') || '—', 'region'],
    [t('posting.landlord'), d.landlord.name, 'landlord'],
    [t('posting.landlordMobile'), d.landlord.mobile ?? '—', 'mobile'],
    [t('posting.lease'), `${d.lease.start ?? '—'} 至 ${d.lease.end ?? '—'}`, 'lease'],
    [t('posting.purpose'), d.purposeLabel, 'purpose'],
    [t('posting.tenantCount'), t('posting.people', { n: d.tenantCount }), 'tenants'],
  ];
  return (
    <div className="posting-page" style={{ minHeight: '100vh', background: '#eceff1', padding: '24px 12px' }}>
      <style>{PRINT_CSS}</style>
      <div className="posting-screen-only" style={{ textAlign: 'center', marginBottom: 16 }}>
        <Button type="primary" size="large" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="posting-print">{t('posting.print')}</Button>
        <div style={{ color: '#78909c', marginTop: 6, fontSize: 12 }}>{t('posting.printHint')}</div>
      </div>
      <div className="posting-card" data-testid="posting-card" style={{
        width: 520, maxWidth: '100%', margin: '0 auto', background: '#fff', border: '6px double #b71c1c', padding: '22px 26px 18px',
        boxShadow: '0 2px 10px rgba(0,0,0,.15)', display: 'flex', flexDirection: 'column', fontFamily: '"SimSun","Songti SC","Noto Serif CJK SC",serif', color: '#222',
      }}>
        <div style={{ textAlign: 'center', borderBottom: '2px solid #b71c1c', paddingBottom: 10, marginBottom: 6 }}>
          <div style={{ fontSize: 28, fontWeight: 700, letterSpacing: 6, color: '#b71c1c' }} data-testid="posting-title">{t('posting.title')}</div>
          <div style={{ fontSize: 13, color: '#7a1f1f', marginTop: 2 }}>{d.region.community ?? ''}{t('posting.issuer')}</div>
        </div>
        {items.map(([k, v, id]) => (
          <div key={id} style={row} data-testid={`posting-${id}`}><span style={label}>{k}</span><span style={{ flex: 1 }}>{v}</span></div>
        ))}
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-end', marginTop: 'auto', paddingTop: 16, gap: 12 }}>
          <div style={{ fontSize: 12, color: '#555', lineHeight: 1.7, maxWidth: 300 }}>{t('posting.notice')}</div>
          <div style={{ textAlign: 'center', border: '1px solid #b71c1c', padding: '6px 10px', flex: 'none' }}>
            <div style={{ fontSize: 11, color: '#7a1f1f' }}>{t('posting.code')}</div>
            <div style={{ fontFamily: 'monospace', fontSize: 15, fontWeight: 700, whiteSpace: 'nowrap' }} data-testid="posting-code">{d.postingCode}</div>
          </div>
        </div>
      </div>
    </div>
  );
}
