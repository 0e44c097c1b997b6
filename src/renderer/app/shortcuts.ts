/** Every keyboard shortcut, grouped as the `?` overlay lists them. Keep in step with the handlers. */
export const shortcutGroups: Array<{ title: string; keys: Array<[string, string]> }> = [
  {
    title: 'Anywhere',
    keys: [
      ['Ctrl/Cmd+S', 'Save the form in sight (asset, bulk edit, profile, settings)'],
      ['?', 'Show this list'],
      ['Escape', 'Close a dialog'],
    ],
  },
  {
    title: 'Library list and grid',
    keys: [
      ['↑ ↓', 'Move between assets (grid: between rows of cards)'],
      ['← →', 'List: step through the focused asset’s filmstrip. Grid: move between cards'],
      ['Alt+← →', 'Grid: step through the focused card’s filmstrip'],
      ['Shift+arrows', 'Select a range'],
      ['Page Up / Page Down', 'Move a page'],
      ['Home / End', 'First or last asset'],
      ['Space', 'Select the focused asset (Ctrl/Cmd+Space adds or removes it)'],
      ['Ctrl/Cmd+A', 'Select everything listed'],
      ['Enter', 'Edit the selection'],
      ['Ctrl/Cmd+Enter', 'Send the selection to the platform'],
      ['Delete', 'Move the selection to the trash'],
      ['Escape', 'Show the thumbnail again after scrubbing'],
    ],
  },
  {
    title: 'Thumbnails and columns',
    keys: [
      ['← → on the detail’s filmstrip', 'Step through its frames (Home / End: first, last)'],
      ['← → on a column edge', 'Narrow or widen the column (Shift: bigger steps)'],
    ],
  },
];
