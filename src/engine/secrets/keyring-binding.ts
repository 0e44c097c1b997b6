/**
 * The OS keychain binding, loaded by KeyringSecretStore only when a secret is first read,
 * written or listed: loading the native module costs a short command (`dailies info`, `ls`)
 * that never touches a secret 10-40 ms. Re-exported from an ES module of ours: the package
 * is CommonJS, and a bundle's dynamic import of a CommonJS package gives only its `default`.
 */
export { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
