import { useDailies } from '../store/store-context';
import type { ViewId } from '../store/ui-slice';
import { Icon } from './icons';
import { viewIcons, viewTitles } from './view-titles';

const mainViews: ViewId[] = ['library', 'queue', 'analysis', 'account'];

export function Sidebar() {
  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          D
        </span>
        <span className="brand-name">Dailies</span>
      </div>
      <nav aria-label="Views" className="nav">
        <ul>
          {mainViews.map((view) => (
            <li key={view}>
              <NavButton view={view} />
            </li>
          ))}
        </ul>
        <ul className="nav-bottom">
          <li>
            <NavButton view="settings" />
          </li>
        </ul>
      </nav>
    </aside>
  );
}

function NavButton({ view }: { view: ViewId }) {
  const current = useDailies((s) => s.view === view);
  const showView = useDailies((s) => s.showView);
  return (
    <button
      type="button"
      className="nav-item"
      aria-current={current ? 'page' : undefined}
      onClick={() => showView(view)}
    >
      <Icon name={viewIcons[view]} />
      <span>{viewTitles[view]}</span>
    </button>
  );
}
