import { baseName, SUPPORT_PREFIX } from '../../shared/support-urls';

/**
 * In a browser the engine's folders are out of reach: fetch the bundle the engine just wrote
 * (token in the header) and hand it to the browser as a download under its own name.
 */
export function webSupportDownload(origin: string, token: string) {
  return async (file: string): Promise<void> => {
    const name = baseName(file);
    const response = await fetch(new URL(`${SUPPORT_PREFIX}/${encodeURIComponent(name)}`, origin), {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok)
      throw new Error(`The web host could not hand over the bundle (${response.status}).`);
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    // The download has its own copy once started; the next task is late enough to let go.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
}
