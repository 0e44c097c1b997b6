import { useState } from 'react';
import type { TmdbCandidate } from '../../../../shared/contract';

/** The one image host the window's CSP lets posters come from (TMDB's own). */
const posterOrigin = 'https://image.tmdb.org';

/**
 * A candidate's small poster. Anything but TMDB's image host (the local stand-in's, say)
 * would be refused by the CSP, so those, a missing poster and one that fails to load get a
 * plain tile with the kind instead.
 */
export function PosterThumb({ candidate }: { candidate: TmdbCandidate }) {
  const [failed, setFailed] = useState(false);
  const url = candidate.posterUrl;
  if (url && url.startsWith(`${posterOrigin}/`) && !failed) {
    return (
      <img
        className="tmdb-poster"
        src={url}
        alt=""
        width={46}
        height={69}
        loading="lazy"
        referrerPolicy="no-referrer"
        onError={() => setFailed(true)}
      />
    );
  }
  return (
    <span className="tmdb-poster tmdb-poster-none" aria-hidden="true">
      {candidate.kind === 'tv' ? 'TV' : 'Film'}
    </span>
  );
}
