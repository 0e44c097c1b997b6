import { asc, eq, ne } from 'drizzle-orm';
import type { CatalogDb } from '../open-catalog';
import { profiles } from '../schema';

export type ProfileRow = typeof profiles.$inferSelect;

/** SQL for profiles: the config as raw JSON; the profile service validates it on read. */
export class ProfileRepository {
  constructor(private readonly db: CatalogDb) {}

  list(): ProfileRow[] {
    return this.db.select().from(profiles).orderBy(asc(profiles.createdAt), asc(profiles.id)).all();
  }

  find(id: string): ProfileRow | undefined {
    return this.db.select().from(profiles).where(eq(profiles.id, id)).get();
  }

  findByName(name: string): ProfileRow | undefined {
    return this.db.select().from(profiles).where(eq(profiles.name, name)).get();
  }

  findActive(): ProfileRow | undefined {
    return this.db.select().from(profiles).where(eq(profiles.active, true)).get();
  }

  count(): number {
    return this.db.select({ id: profiles.id }).from(profiles).all().length;
  }

  insert(row: { id: string; name: string; active: boolean; configJson: string; at: string }): void {
    this.db
      .insert(profiles)
      .values({
        id: row.id,
        name: row.name,
        active: row.active,
        configJson: row.configJson,
        createdAt: row.at,
        updatedAt: row.at,
      })
      .run();
  }

  updateConfig(id: string, name: string, configJson: string, at: string): void {
    this.db
      .update(profiles)
      .set({ name, configJson, updatedAt: at })
      .where(eq(profiles.id, id))
      .run();
  }

  /** Makes `id` the only active profile. Call inside a transaction. */
  setActive(id: string): void {
    this.db.update(profiles).set({ active: false }).where(ne(profiles.id, id)).run();
    this.db.update(profiles).set({ active: true }).where(eq(profiles.id, id)).run();
  }

  delete(id: string): boolean {
    return this.db.delete(profiles).where(eq(profiles.id, id)).run().changes > 0;
  }

  recordSignIn(id: string, email: string, expiresAt: string): void {
    this.db
      .update(profiles)
      .set({ signedInEmail: email, tokenExpiresAt: expiresAt })
      .where(eq(profiles.id, id))
      .run();
  }

  clearSignIn(id: string): void {
    this.db
      .update(profiles)
      .set({ signedInEmail: null, tokenExpiresAt: null })
      .where(eq(profiles.id, id))
      .run();
  }
}
