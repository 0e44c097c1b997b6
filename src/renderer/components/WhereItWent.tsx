import { useState } from 'react';
import { useDailies } from '../store/store-context';

/** One fact with a copy button; the button says when the copy worked or why not. */
function CopyRow({ term, value }: { term: string; value: string }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <div className="where-row">
      <dt>{term}</dt>
      <dd>
        <span className="mono where-value" title={value}>
          {value}
        </span>
        <button
          type="button"
          className="link-button"
          aria-label={`Copy ${term}`}
          onClick={() => void copy()}
        >
          {copied === 'yes' ? 'Copied' : copied === 'no' ? 'Copy refused' : 'Copy'}
        </button>
      </dd>
    </div>
  );
}

/** `https://{cdn}/{key}`, each path segment encoded as a URL needs it. */
export function cdnUrl(cdnDomain: string, key: string): string {
  return `https://${cdnDomain}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * Where a sent asset is: its content id on the platform, its two objects in the bucket as
 * `s3://` addresses and, when the profile has a CDN domain, their public URLs. In the
 * Library's detail and under a finished row of the Upload queue.
 */
export function WhereItWent({
  assetId,
  headingLevel = 3,
}: {
  assetId: number;
  headingLevel?: 3 | 4;
}) {
  const status = useDailies((s) => s.syncStatuses[assetId]);
  const profile = useDailies((s) => s.profiles?.find((p) => p.id === status?.profileId) ?? null);
  if (!status || (status.contentId === null && !status.videoKey && !status.thumbnailKey))
    return null;
  const keys: Array<[string, string | null]> = [
    ['video', status.videoKey],
    ['thumbnail', status.thumbnailKey],
  ];
  return (
    <section className="where-it-went" aria-labelledby={`where-title-${assetId}`}>
      {headingLevel === 3 ? (
        <h3 id={`where-title-${assetId}`}>Where it went</h3>
      ) : (
        <h4 id={`where-title-${assetId}`}>Where it went</h4>
      )}
      <dl>
        {status.contentId !== null ? (
          <CopyRow term="Platform content id" value={String(status.contentId)} />
        ) : null}
        {keys.map(([what, key]) =>
          key ? (
            <CopyRow
              key={`s3-${what}`}
              term={`S3 ${what}`}
              value={profile ? `s3://${profile.bucket}/${key}` : key}
            />
          ) : null,
        )}
        {profile?.cdnDomain
          ? keys.map(([what, key]) =>
              key ? (
                <CopyRow
                  key={`cdn-${what}`}
                  term={`CDN ${what}`}
                  value={cdnUrl(profile.cdnDomain!, key)}
                />
              ) : null,
            )
          : null}
      </dl>
      {profile && !profile.cdnDomain ? (
        <p className="muted">
          The profile “{profile.name}” has no CDN domain, so there is no public URL.
        </p>
      ) : null}
    </section>
  );
}
