// The identity service's public surface: build it, open it from config, create admins.
export {
  type Accounts,
  type AccountView,
  createAccounts,
  emailStreamName,
  PasswordRejected,
} from './accounts';
export { type BuildIdentityOptions, buildIdentity, type Identity } from './build-identity';
export { ConfigError, type IdentityConfig, readIdentityConfig } from './config';
export { type CreateAdminInput, createAdmin } from './create-admin';
export {
  generateSigningKey,
  loadOrCreateKeyFile,
  parseSigningKeys,
  type SigningKeys,
} from './keys';
export { defaultLoginLimits, type LoginLimits } from './login-limiter';
export { loadSigningKeys, type OpenedIdentity, openIdentity } from './open-identity';
export { passwordProblem, passwordRules } from './password';
export { apiScopes, webClientId } from './provider';
export {
  type CredentialDump,
  credentialDumpFromUrl,
  type DumpedCredential,
} from './store/dump';
export { identityStoreFromUrl } from './store/from-url';
export type { CredentialStore, IdentityStore } from './store/port';
export { redisIdentityStore } from './store/redis-identity-store';
export { sqliteIdentityStore } from './store/sqlite-identity-store';
