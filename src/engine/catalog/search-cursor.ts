import { z } from 'zod';
import { dailiesError, type AssetSort } from '../../shared/contract';
import type { SortValue } from './repositories/asset-search-repository';

const cursorSchema = z.tuple([
  z.string(),
  z.enum(['asc', 'desc']),
  z.union([z.string(), z.number()]),
  z.number().int(),
]);

/**
 * Keyset cursors: the sort and the last row's (sort value, id), so the next page starts
 * right after it however many rows were added or removed meanwhile. Opaque to clients.
 */
export function encodeCursor(sort: AssetSort, value: SortValue, id: number): string {
  return Buffer.from(JSON.stringify([sort.field, sort.direction, value, id])).toString('base64url');
}

export function decodeCursor(cursor: string, sort: AssetSort): { value: SortValue; id: number } {
  let parsed: z.infer<typeof cursorSchema> | null = null;
  try {
    const result = cursorSchema.safeParse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')),
    );
    if (result.success) parsed = result.data;
  } catch {
    parsed = null;
  }
  if (!parsed || parsed[0] !== sort.field || parsed[1] !== sort.direction) {
    throw dailiesError(
      'E_VALIDATION',
      'This page cursor belongs to another search or sort; start again from the first page.',
      { details: { fields: [{ path: 'cursor', message: 'Not a cursor for this sort' }] } },
    );
  }
  return { value: parsed[2], id: parsed[3] };
}
