import { render } from 'preact';
import { ApiError, loadSession } from './api.js';
import { App } from './app.js';
import { errorMessage } from './messages.js';
import { loadForms, loadUnits, type AppState } from './store.js';

/** The page and its bundle kept for a reload with the network cut (sw.ts); the app runs without it too. */
function keepForOffline(): void {
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/app/sw.js', { scope: '/app/' }).catch(() => undefined);
}

async function boot(): Promise<void> {
  keepForOffline();
  const root = document.getElementById('root')!;
  try {
    const session = await loadSession();
    if (!session.principal) {
      location.href = '/auth/login?returnTo=%2Fapp%2F';
      return;
    }
    const state: AppState = {
      principal: session.principal,
      displayName: session.user?.displayName ?? session.principal.displayName,
      units: await loadUnits(),
      forms: await loadForms(),
    };
    root.textContent = '';
    render(<App state={state} />, root);
  } catch (err) {
    const code = err instanceof ApiError ? err.code : 'INTERNAL_ERROR';
    root.innerHTML = '';
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.className = 'error-box';
    p.textContent = `${errorMessage(code)} (${code})`;
    root.append(p);
  }
}

void boot();
