/**
 * The AWS SDK's shared-files credential provider, loaded by resolveAwsProfile only when an
 * AWS profile is named. Re-exported from an ES module of ours: the package is CommonJS, and a
 * bundle's dynamic import of a CommonJS package gives only its `default`.
 */
export { fromIni } from '@aws-sdk/credential-provider-ini';
