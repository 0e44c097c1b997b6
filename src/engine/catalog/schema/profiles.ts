import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Upload profiles (platform URL, bucket, limits) as JSON validated by the contract on read.
 * Secrets are never stored here: the keychain holds them under the profile id.
 */
export const profiles = sqliteTable(
  'profiles',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(false),
    configJson: text('config_json').notNull(),
    /** Who signed in on this profile and when the token expires (ISO, our clock); no token. */
    signedInEmail: text('signed_in_email'),
    tokenExpiresAt: text('token_expires_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [uniqueIndex('profiles_name_unique').on(table.name)],
);
