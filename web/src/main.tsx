// First, so every component's stylesheet comes after (and can refine) the base styles.
import './styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyTheme, readStoredTheme, resolveTheme, systemPrefersDark } from './theme/theme';

// Before the first render, so a stored dark theme does not flash light.
applyTheme(resolveTheme(readStoredTheme(), systemPrefersDark()));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
