/** What a masked secret reads as, in logs and error details. */
export const MASK = '***';

/**
 * Parts of a signed S3 request that a store (or a proxy in front of it) may echo back in an
 * error text: the key id and scope in `Credential=`, the `Signature=`, a session token, and
 * the same as presigned-URL query parameters or an old `AWS keyid:signature` header.
 */
const SIGNED_PARTS: ReadonlyArray<[RegExp, string]> = [
  [/((?:X-Amz-)?Credential=)[^\s,&"'<]+/gi, `$1${MASK}`],
  [/((?:X-Amz-)?Signature=)[^\s,&"'<]+/gi, `$1${MASK}`],
  [/((?:X-Amz-)?Security-Token\s*[=:]\s*)[^\s,&"'<]+/gi, `$1${MASK}`],
  [/\bAWS [A-Z0-9]{16,}:[A-Za-z0-9+/=]+/g, `AWS ${MASK}`],
];

/** `text` with every echoed credential, signature and session token masked. */
export function maskSignedRequest(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SIGNED_PARTS) out = out.replace(pattern, replacement);
  return out;
}
