import type { Page } from 'playwright-core';

/** Opens one of the app's views from the side navigation, as an editor clicks it. */
export const openView = (page: Page, view: string) =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view }).click();

/** The Library list's row for an asset, found by the text an editor reads on it. */
export const libraryRow = (page: Page, title: string) =>
  page.getByRole('grid').getByRole('row').filter({ hasText: title });
