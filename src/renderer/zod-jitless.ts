import { config } from 'zod';

/**
 * Imported first by main.tsx, before any schema is built. Zod compiles object parsers with
 * `new Function` when it can, and probes for that at schema construction; under our CSP
 * (no 'unsafe-eval') the probe fails safely but is still reported as a CSP violation. The
 * renderer parses little, so the interpreted path costs nothing that matters.
 */
config({ jitless: true });
