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
