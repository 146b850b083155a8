export * from './logging';
export * from './metrics';
export * from './metrics-exposure';
export * from './tracing';
