import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyTheme, readStoredTheme, resolveTheme, systemPrefersDark } from './theme/theme';
import './styles/base.css';

// Before the first render, so a stored dark theme does not flash light.
applyTheme(resolveTheme(readStoredTheme(), systemPrefersDark()));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
