import { z } from 'zod';

/** How an asset is named across the contract, and the statuses it moves through. */
export const assetStatuses = [
  'new',
  'analysing',
  'ready',
  'error',
  'queued',
  'uploading',
  'synced',
  'dirty',
] as const;
export const assetStatusSchema = z.enum(assetStatuses);
export type AssetStatus = z.infer<typeof assetStatusSchema>;

export const assetIdSchema = z.number().int().positive();
export type AssetId = z.infer<typeof assetIdSchema>;
