// The first import of the command side's entry: tracing starts (when OTEL_EXPORTER_OTLP_ENDPOINT
// asks for it) before the instrumented modules load. Off, it registers nothing.
import { startTracingFromEnv } from '@taskomask/observability';

// Each command handler opens the request's SERVER span itself (command <operationId>).
startTracingFromEnv(process.env, 'taskomask-commands', { httpServerSpans: false });
