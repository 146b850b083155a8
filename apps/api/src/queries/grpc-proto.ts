import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadPackageDefinition, type ServiceClientConstructor } from '@grpc/grpc-js';
import { loadSync, type Options } from '@grpc/proto-loader';

/** packages/contracts/proto/taskomask.proto, found through the contracts package wherever it is. */
export const queriesProtoPath = join(
  dirname(createRequire(import.meta.url).resolve('@taskomask/contracts')),
  '..',
  'proto',
  'taskomask.proto',
);

/**
 * camelCase field names (as the REST answers), uint64 as numbers (positions stay far below 2^53),
 * absent `optional` fields left out (the client turns them into null).
 */
export const protoLoaderOptions: Options = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: false,
};

export type QueryServices = Readonly<{
  BoardQueries: ServiceClientConstructor;
  TaskQueries: ServiceClientConstructor;
}>;

let loaded: QueryServices | undefined;

/** The services of taskomask.queries.v1, loaded from the .proto at runtime (once). */
export function queryServices(): QueryServices {
  if (loaded === undefined) {
    const definition = loadSync(queriesProtoPath, protoLoaderOptions);
    const root = loadPackageDefinition(definition) as unknown as {
      taskomask: { queries: { v1: QueryServices } };
    };
    loaded = root.taskomask.queries.v1;
  }
  return loaded;
}
