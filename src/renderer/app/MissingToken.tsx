/** Shown when the page was opened without the address's token: no data, only the fix. */
export function MissingToken() {
  return (
    <main className="notice" aria-labelledby="notice-title">
      <h1 id="notice-title">Open the address Dailies printed</h1>
      <p>
        This page needs the full address the web host printed when it started, including the part
        after <span className="mono">?token=</span>. The token keeps other pages and other users of
        this computer away from your catalog.
      </p>
    </main>
  );
}
