// The first import of the projector's entry: tracing starts (when OTEL_EXPORTER_OTLP_ENDPOINT asks
// for it) before the instrumented modules load. Off, it registers nothing.
import { startTracingFromEnv } from '@taskomask/observability';

startTracingFromEnv(process.env, 'taskomask-projector');
