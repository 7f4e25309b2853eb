import { TranslationOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../i18n';

/**
 * One button that switches to the other language; it shows the other language's usual short name
 * (EN in the Chinese UI, 中文 in the English UI). The choice is remembered in localStorage.
 */
export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { lang, setLang, t } = useI18n();
  const label = t('layout.switchTo');
  return (
    <Button
      type="text"
      icon={<TranslationOutlined />}
      aria-label={label}
      title={label}
      lang={lang === 'zh' ? 'en' : 'zh-CN'}
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
      style={dark ? { color: '#fff' } : undefined}
    >
      {t('layout.otherLanguage')}
    </Button>
  );
}
