import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadDictionary } from './i18n/dictionaries';
import { readStoredLang } from './i18n/format';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
// Someone who chose English gets its messages before the first paint (Chinese is built in).
loadDictionary(readStoredLang())
  .catch(() => undefined)
  .then(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );

// Production builds keep the app shell in a service worker so on-site pages open without a network, and
// tell it which assets this first visit loaded. Then, after the first paint, any queued on-site work syncs.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('/sw.js')
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        const urls = performance
          .getEntriesByType('resource')
          .map((entry) => entry.name)
          .filter((name) => name.startsWith(`${window.location.origin}/assets/`));
        registration.active?.postMessage({ type: 'cache-assets', urls });
      })
      .catch(() => undefined);
  });
}
if ('indexedDB' in window) {
  window.addEventListener('load', () => {
    void import('./offline/autostart').then((m) => m.autostart()).catch(() => undefined);
  });
}
