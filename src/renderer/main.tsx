// Must stay the first import: it configures zod before any contract schema is built.
import './zod-jitless';
// Must stay the second: it asks for the first page before the rest of the script runs.
import { transportChoice as choice } from './first-page';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from '../shared/contract/client';
import { App } from './app/App';
import { MissingToken } from './app/MissingToken';
import { connectStore, createDailiesStore } from './store/dailies-store';
import { renderWithFirstRows } from './store/first-rows';
import { connectDesktopCommands } from './store/desktop-commands';
import { StoreProvider } from './store/store-context';
import { connectWindowDrop } from './store/window-drop';
import './styles/app.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');
const root = createRoot(container);

if (choice.kind === 'no-token') {
  root.render(<MissingToken />);
} else {
  const api = createApiClient(choice.transport);
  const store = createDailiesStore(api, choice.host);
  connectStore(store, api);
  connectDesktopCommands(store, choice.host.desktop, document);
  connectWindowDrop(store, document);
  renderWithFirstRows(store, () =>
    root.render(
      <StrictMode>
        <StoreProvider store={store}>
          <App />
        </StoreProvider>
      </StrictMode>,
    ),
  );
}
