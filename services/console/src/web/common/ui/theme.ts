import type { ThemeConfig } from 'antd';

/**
 * Ant Design's default primary blue (#1677ff), its red and its secondary text fail WCAG AA contrast on white;
 * these darker tokens pass it (axe checks every page in the browser tests). The backgrounds Ant Design derives from
 * the darker warning and success colours come out olive and grey-green, too dark for the text on them: warning and
 * success banners get light ones of their own.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0a4fb3',
    colorLink: '#0a4fb3',
    colorError: '#b3261e',
    colorWarning: '#8a5300',
    colorSuccess: '#1e6b12',
    colorWarningBg: '#fff8e6',
    colorWarningBorder: '#e5c27a',
    colorSuccessBg: '#eff8ea',
    colorSuccessBorder: '#a3cf8e',
    colorInfo: '#0a4fb3',
    colorTextDescription: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.66)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    colorTextDisabled: 'rgba(0, 0, 0, 0.6)',
    // The town offices' own fonts: nothing is downloaded from elsewhere.
    fontFamily:
      "-apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif",
    borderRadius: 6,
    // No animations: a slow office PC spends its frames on the work, and a state shows the moment it is true. With
    // motion on, a busy PC could miss the end of a button's spinner animation, leaving it announced as "loading".
    motion: false,
  },
  components: {
    Tabs: { itemColor: 'rgba(0, 0, 0, 0.8)' },
    Badge: { textFontSizeSM: 12 },
  },
};
