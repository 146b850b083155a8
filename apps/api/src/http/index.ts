// HTTP plumbing both API sides share: the server factory, bearer auth, problem+json, config,
// OpenAPI docs, health and trace metadata.

export {
  type AccountLookup,
  type AccountState,
  cachedAccounts,
  deactivatedOwners,
  eventStoreAccounts,
  readStoreAccounts,
} from './account-status';
export {
  type BearerAuth,
  type BearerAuthOptions,
  bearerAuth,
  defaultAlgorithms,
  insufficientScope,
  type Principal,
  principalOf,
} from './auth';
export {
  authOptionsFrom,
  authVariables,
  ConfigError,
  type Env,
  logLevelVariable,
  metricsTokenVariable,
  portVariable,
  readConfig,
} from './config';
export { problemOf, registerProblemHandling, sendProblem } from './error-handler';
export { type HealthReport, healthRouteDocs, type ReadinessCheck, registerHealth } from './health';
export {
  type HeaderParameter,
  type OpenApiDocument,
  openApiDocument,
  type ResponseDoc,
  type RouteDoc,
  registerDocs,
} from './openapi';
export { parseOrThrow } from './parse';
export {
  eventStorePersonalTokens,
  type PersonalTokenStore,
  secretHashOf,
  secretMatches,
} from './personal-tokens';
export {
  invalidFields,
  Problem,
  type ProblemKind,
  type ProblemOptions,
  problemKinds,
  problemType,
  unavailable,
} from './problem';
export { createHttpServer, defaultBodyLimit, type HttpServerOptions } from './server';
export { correlationIdOf, eventMetadataFor, traceparentOf } from './tracing';
