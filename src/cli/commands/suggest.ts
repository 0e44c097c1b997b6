import { z } from 'zod';
import {
  dailiesError,
  tmdbKindSchema,
  tmdbLanguageSchema,
  type DailiesApi,
  type TmdbApplyResult,
  type TmdbCandidateList,
  type TmdbField,
  type TmdbSuggestions,
} from '../../shared/contract';
import { resolveAssets } from '../assets/resolve-assets';
import { defineCommand, type CommandContext } from '../command';
import { suggestSpec } from './suggest-spec';

const fieldOf: Record<string, TmdbField> = {
  title: 'title',
  overview: 'overview',
  description: 'overview',
  'age-rating': 'ageRating',
  agerating: 'ageRating',
};

const numberText = (what: string) =>
  z
    .string()
    .regex(/^\s*\d+\s*$/, `${what} is a whole number`)
    .transform(Number)
    .optional();

interface AssetReport {
  assetId: number;
  lookup: TmdbCandidateList;
  picked: { tmdbId: number; kind: 'movie' | 'tv' } | null;
  suggestions: TmdbSuggestions | null;
  applied: TmdbApplyResult | null;
}

export const suggestCommand = defineCommand({
  ...suggestSpec,
  input: z.object({
    positionals: z.array(z.string().min(1)).min(1, 'Name at least one asset to look up.'),
    values: z.object({
      'tmdb-id': numberText('--tmdb-id'),
      kind: tmdbKindSchema.optional(),
      query: z.string().trim().min(1).optional(),
      year: numberText('--year'),
      language: tmdbLanguageSchema.optional(),
      apply: z
        .string()
        .optional()
        .transform((text, context) => {
          if (text === undefined) return [];
          const fields: TmdbField[] = [];
          for (const word of text.split(',').map((w) => w.trim().toLowerCase())) {
            const field = fieldOf[word];
            if (!field) {
              context.addIssue({
                code: 'custom',
                message: `--apply takes title, overview and age-rating, not "${word}"`,
              });
              return z.NEVER;
            }
            if (!fields.includes(field)) fields.push(field);
          }
          return fields;
        }),
    }),
  }),
  async run({ positionals, values }, context) {
    const api = await context.api();
    const assets = await resolveAssets(api, positionals);
    const reports: AssetReport[] = [];
    for (const asset of assets) {
      const lookup = await api.invoke('tmdb.lookup', {
        assetId: asset.id,
        ...(values['tmdb-id'] === undefined ? {} : { tmdbId: values['tmdb-id'] }),
        ...(values.kind === undefined ? {} : { kind: values.kind }),
        ...(values.query === undefined ? {} : { query: values.query }),
        ...(values.year === undefined ? {} : { year: values.year }),
      });
      const picked =
        values['tmdb-id'] !== undefined
          ? { tmdbId: values['tmdb-id'], kind: values.kind ?? 'movie' }
          : lookup.preselected;
      const report: AssetReport = {
        assetId: asset.id,
        lookup,
        picked,
        suggestions: null,
        applied: null,
      };
      if (picked !== null) {
        const language = values.language === undefined ? {} : { language: values.language };
        report.suggestions = await api.invoke('tmdb.suggestions', {
          assetId: asset.id,
          ...picked,
          ...language,
        });
        if (values.apply.length > 0) {
          report.applied = await apply(api, report.suggestions, values.apply, language);
        }
      } else if (values.apply.length > 0 && !context.json) {
        context.err(
          `Asset ${asset.id}: nothing applied; no single match. Pick one with --tmdb-id.`,
        );
      }
      reports.push(report);
      if (!context.json) print(context, report);
    }
    if (context.json) context.out(JSON.stringify(reports, null, 2));
    const refused = reports.some((r) => (r.applied?.refused.length ?? 0) > 0);
    const unpicked = values.apply.length > 0 && reports.some((r) => r.picked === null);
    if (refused || unpicked) {
      throw dailiesError('E_CONFLICT', 'Some fields were not applied; see above.', {
        details: { reported: true },
      });
    }
    return 'ok';
  },
});

function apply(
  api: DailiesApi,
  s: TmdbSuggestions,
  fields: TmdbField[],
  language: { language?: 'ko-KR' | 'en-US' },
): Promise<TmdbApplyResult> {
  return api.invoke('tmdb.apply', {
    assetId: s.assetId,
    tmdbId: s.tmdbId,
    kind: s.kind,
    fields,
    expected: {
      title: s.title.current,
      overview: s.overview.current,
      ageRating: s.ageRating.current,
    },
    ...language,
  });
}

function print(context: CommandContext, report: AssetReport): void {
  const { lookup, picked, suggestions, applied } = report;
  const cached = lookup.offline
    ? ` (offline: TMDB cannot be reached; fetched ${lookup.fetchedAt})`
    : lookup.fromCache
      ? ` (from the catalog, fetched ${lookup.fetchedAt})`
      : '';
  context.out(
    `Asset ${report.assetId}: "${lookup.query}"${lookup.year ? ` ${lookup.year}` : ''}${cached}`,
  );
  if (lookup.noMatch) context.out('  No match on TMDB. Try --query, --year or --tmdb-id.');
  for (const c of lookup.candidates.slice(0, 10)) {
    const mark = picked && c.tmdbId === picked.tmdbId && c.kind === picked.kind ? '*' : ' ';
    const original = c.originalTitle !== c.title ? ` / ${c.originalTitle}` : '';
    context.out(
      ` ${mark} ${c.kind} ${c.tmdbId}  ${c.title}${original} (${c.year ?? '?'})  ${Math.round(c.confidence * 100)}%`,
    );
  }
  if (!picked && !lookup.noMatch) context.out('  No single match: pick one with --tmdb-id.');
  if (suggestions) {
    const line = (name: string, current: string, suggested: string | null, note = '') =>
      context.out(
        `  ${name}: ${JSON.stringify(current)} → ${suggested === null ? '(none)' : JSON.stringify(suggested)}${note}`,
      );
    const lang = (l: string | null) => (l ? ` [${l}]` : '');
    line(
      'title',
      suggestions.title.current,
      suggestions.title.suggested,
      lang(suggestions.title.language),
    );
    line(
      'overview',
      suggestions.overview.current,
      suggestions.overview.suggested,
      lang(suggestions.overview.language),
    );
    const rating = suggestions.ageRating;
    line(
      'age rating',
      rating.current,
      rating.suggested,
      rating.raw === null ? '' : ` (TMDB KR: ${rating.raw})`,
    );
    if (rating.unmapped) context.out(`    ${rating.unmapped.message}`);
  }
  if (applied) {
    context.out(`  Applied: ${applied.applied.length ? applied.applied.join(', ') : 'nothing'}`);
    for (const r of applied.refused) context.out(`  Not applied (${r.field}): ${r.message}`);
  }
}
