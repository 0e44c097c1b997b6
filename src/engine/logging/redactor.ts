import { MASK, maskSignedRequest } from './mask-signed-request';

/** Field names whose values are secrets wherever they appear in a log record. */
const SECRET_KEY = /(token|secret|password|authorization|credential|api[-_]?key|access[-_]?key)/i;
export { MASK };

/**
 * Masks secrets in log records: values under secret-looking keys, and any registered secret
 * value wherever it appears inside a string (an error message quoting a URL, say), and the
 * credential and signature of any signed S3 request a store echoed back. Secrets are
 * registered by the secret store as they are read.
 */
export class SecretRedactor {
  readonly #values = new Set<string>();

  register(secret: string): void {
    // Very short values would mask ordinary words; real tokens and keys are long.
    if (secret.length >= 6) this.#values.add(secret);
  }

  forget(secret: string): void {
    this.#values.delete(secret);
  }

  redact(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.#redactString(value);
    if (value === null || typeof value !== 'object' || depth > 8) return value;
    if (value instanceof Error) {
      return {
        name: value.name,
        message: this.#redactString(value.message),
        stack: value.stack === undefined ? undefined : this.#redactString(value.stack),
      };
    }
    if (Array.isArray(value)) return value.map((item) => this.redact(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] =
        SECRET_KEY.test(key) && item !== null && item !== undefined && item !== ''
          ? MASK
          : this.redact(item, depth + 1);
    }
    return out;
  }

  #redactString(text: string): string {
    let out = maskSignedRequest(text);
    for (const secret of this.#values) out = out.split(secret).join(MASK);
    return out;
  }
}
