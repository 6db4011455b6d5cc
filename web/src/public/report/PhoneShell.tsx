// The frame of the phone-sized pages: a coloured title bar and a single column no wider than a
// phone, grey behind white cards; larger controls for thumbs. On a desktop it sits centred.
import { ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../../i18n';

interface Props {
  title: ReactNode;
  subtitle?: ReactNode;
  /** Right side of the title bar (e.g. the user's name, a refresh button). */
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}

export default function PhoneShell({ title, subtitle, extra, children, testId }: Props) {
  return (
    <ConfigProvider componentSize="large">
      {/* The phone pages own the whole window: no browser margin around the title bar. */}
      <style>{'body { margin: 0; }'}</style>
      <div style={{ minHeight: '100vh', background: '#f0f2f5' }} data-testid={testId}>
        <div style={{ maxWidth: 480, margin: '0 auto', minHeight: '100vh', background: '#f5f5f5', boxShadow: '0 0 12px rgba(0,0,0,.06)' }}>
          <header style={{ background: 'linear-gradient(135deg, #c62828, #e53935)', color: '#fff', padding: '14px 16px 16px' }}>
            <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <h1 style={{ margin: 0, fontSize: 19, fontWeight: 600, flex: 1, color: '#fff', lineHeight: 1.4 }}>{title}</h1>
              {extra}
              <LangToggle />
            </div>
            {subtitle && <div style={{ fontSize: 13, opacity: 0.9, marginTop: 4 }}>{subtitle}</div>}
          </header>
          <main style={{ padding: 12 }}>{children}</main>
        </div>
      </div>
    </ConfigProvider>
  );
}

/** A white block with an optional heading, the unit the phone pages are made of. */
export function Section({ title, extra, children, testId }: { title?: ReactNode; extra?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section style={{ background: '#fff', borderRadius: 10, padding: 16, marginBottom: 12 }} data-testid={testId}>
      {(title || extra) && (
        <div style={{ display: 'flex', alignItems: 'center', marginBottom: 12 }}>
          <div style={{ flex: 1, fontWeight: 600, fontSize: 16 }}>{title}</div>
          {extra}
        </div>
      )}
      {children}
    </section>
  );
}

/** One tap between 中文 and English; the title bar has no room for the desktop switch. */
function LangToggle() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <button
      type="button" onClick={() => setLanguage(en ? 'zh-CN' : 'en')} data-testid="phone-language"
      style={{ flex: 'none', minWidth: 40, height: 32, border: '1px solid rgba(255,255,255,.7)', borderRadius: 16, background: 'transparent', color: '#fff', fontSize: 13 }}
    >
      {en ? '中文' : 'EN'}
    </button>
  );
}
