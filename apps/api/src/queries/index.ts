// The query side: REST (Fastify) and gRPC over the read store only.

export { buildQueryApi, type QueryApiOptions, queryApiDocument } from './api';
export { type CommitSignal, commitSignal } from './commit-signal';
export { type QueryConfig, readQueryConfig } from './config';
export { type CurrentGeneration, followCurrentGeneration } from './current-generation';
export {
  type GrpcCallOptions,
  type GrpcQueryClient,
  grpcQueryClient,
  type MyTasksFilters,
  type ReadInfo,
  type SearchFilters,
} from './grpc-client';
export { queriesProtoPath } from './grpc-proto';
export { type GrpcQueries, type GrpcQueriesOptions, startGrpcQueries } from './grpc-server';
export { defaultMinPositionWaitMs } from './read-position';
export { startRealtime } from './realtime';
export { type QueryRoute, queryRoutes } from './routes';
