import { useEffect } from 'react';

const SITE = 'Сеть «Точка роста»';

/** Every page has its own title (WCAG 2.4.2): «Календарь — Сеть «Точка роста»». */
export function usePageTitle(title: string | undefined) {
  useEffect(() => {
    document.title = title ? `${title} — ${SITE}` : SITE;
  }, [title]);
}
