export * from './event-schemas';
export * from './upcasting';
