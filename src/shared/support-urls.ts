/**
 * Where the web host serves the support bundles the engine wrote to `<dataDir>/support/`,
 * so a browser can download one: `/api/support/<file>`, token in the header. Only a bundle's
 * own name is accepted, so no request can name another file.
 */
export const SUPPORT_PREFIX = '/api/support';
export const SUPPORT_DIR = 'support';

const bundleName = /^dailies-support-[0-9TZ-]{10,40}\.json$/;

/** The bundle's file name, when `name` is one; null for anything else. */
export function supportBundleName(name: string): string | null {
  return bundleName.test(name) ? name : null;
}

/** The last part of a path written on any system (the engine's, not the browser's). */
export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
