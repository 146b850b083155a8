export * from './logging';
export * from './metrics';
export * from './metrics-exposure';
export * from './process-failures';
export * from './tracing';
