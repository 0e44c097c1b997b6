import { useEffect } from 'react';
import { useDailies } from '../store/store-context';

/** Puts the theme setting on <html data-theme>; the stylesheet does the rest. */
export function useTheme(): void {
  const theme = useDailies((s) => s.settings?.theme ?? 'system');
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}
