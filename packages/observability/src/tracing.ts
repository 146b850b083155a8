// Tracing: OpenTelemetry setup and context propagation (filled in by the tracing work).
export {};
