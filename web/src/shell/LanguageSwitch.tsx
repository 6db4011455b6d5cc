import { GlobalOutlined } from '@ant-design/icons';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../i18n';

export function LanguageSwitch() {
  const { i18n } = useTranslation();
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }} data-testid="language-switch">
      <GlobalOutlined />
      <Segmented<Language>
        size="small"
        value={i18n.language === 'en' ? 'en' : 'zh-CN'}
        options={[{ label: '中文', value: 'zh-CN' }, { label: 'EN', value: 'en' }]}
        onChange={(v) => setLanguage(v)}
      />
    </span>
  );
}
