import { Grid } from 'antd';

/** True below the md breakpoint (768px), where the side menu becomes a drawer and tables become cards. */
export function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined; treat that as desktop only when wide.
  if (screens.md === undefined) return typeof window !== 'undefined' && window.innerWidth < 768;
  return !screens.md;
}
