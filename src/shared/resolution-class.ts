import type { ResolutionClass } from './contract/media';

/**
 * The platform's resolution label for a displayed size (PLATFORM_API.md, "Resolution class").
 * Judged on the longer side L and the shorter side S so that portrait phone footage and
 * scope (2.40:1) masters land where an editor expects: 1080x1920 and 1920x800 are both 1080p.
 */
export function resolutionClass(width: number, height: number): ResolutionClass {
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  if (long >= 3200 || short >= 2000) return '4K';
  if (long >= 2400 || short >= 1400) return '1440p';
  if (long >= 1800 || short >= 1000) return '1080p';
  if (long >= 1200 || short >= 700) return '720p';
  if (long >= 800 || short >= 450) return '480p';
  return 'SD';
}
