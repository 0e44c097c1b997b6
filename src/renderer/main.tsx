// Placeholder from the electron branch so the desktop build has a page; the renderer
// branch replaces this file.
import { createRoot } from 'react-dom/client';

const root = document.getElementById('root');
if (root) createRoot(root).render(<p>Dailies</p>);
