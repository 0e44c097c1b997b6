/**
 * Methods whose bodies belong to later issues. They are in the contract now so that hosts
 * and views are built against the real surface; the engine answers E_NOT_IMPLEMENTED until
 * the owning issue moves each one into its own domain file with its full schema.
 */
export const stubMethods = {};

/** The issue that will replace each stub, for the README's roadmap and the engine's message. */
export const stubOwners: Record<keyof typeof stubMethods, string> = {};
