import { context, type ProxyTracerProvider, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import {
  contextFromTraceparent,
  currentTraceparent,
  injectTraceHeaders,
  inSpan,
  startTracingFromEnv,
  tracingSettingsFrom,
  tracingStarted,
} from '../src/tracing';

const traceparent = `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`;

describe('tracing settings from the environment', () => {
  it('stays off unless an OTLP endpoint (or a test span dir) is set', () => {
    expect(tracingSettingsFrom({}, 'taskomask-commands')).toBeUndefined();
    expect(tracingSettingsFrom({ OTEL_TRACES_SAMPLER_ARG: '0.1' }, 'x')).toBeUndefined();
    expect(tracingSettingsFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' }, 'x')).toBeUndefined();
  });

  it('reads the endpoint, the ratio and the service name', () => {
    expect(
      tracingSettingsFrom(
        { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_SAMPLER_ARG: '0.1' },
        'taskomask-commands',
      ),
    ).toEqual({ serviceName: 'taskomask-commands', otlp: true, sampleRatio: 0.1 });
    expect(
      tracingSettingsFrom(
        {
          OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces',
          OTEL_SERVICE_NAME: 'api-eu-1',
        },
        'taskomask-commands',
      ),
    ).toEqual({ serviceName: 'api-eu-1', otlp: true, sampleRatio: 1 });
    expect(
      tracingSettingsFrom(
        { TASKOMASK_SPAN_DIR: '/tmp/spans', TASKOMASK_TRACE_ASYNC_CONTEXT: 'true' },
        'p',
      ),
    ).toEqual({
      serviceName: 'p',
      otlp: false,
      sampleRatio: 1,
      asyncContext: true,
      spanDir: '/tmp/spans',
    });
  });

  it('lets OTEL_SDK_DISABLED win', () => {
    expect(
      tracingSettingsFrom(
        { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' },
        'x',
      ),
    ).toBeUndefined();
  });

  it('refuses a ratio outside 0..1, naming the variable', () => {
    for (const bad of ['1.5', '-0.1', 'ten percent']) {
      expect(() =>
        tracingSettingsFrom(
          { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_SAMPLER_ARG: bad },
          'x',
        ),
      ).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
    }
  });
});

describe('with tracing off', () => {
  it('registers nothing and passes context through untouched', async () => {
    expect(startTracingFromEnv({}, 'taskomask-commands')).toBeUndefined();
    expect(tracingStarted()).toBe(false);
    const provider = trace.getTracerProvider() as ProxyTracerProvider;
    expect(provider.getDelegate().constructor.name).toBe('NoopTracerProvider');

    const answer = await inSpan('command createTask', {}, async (span) => {
      expect(span.isRecording()).toBe(false);
      // No span of ours: callers keep the traceparent they were given (event metadata).
      expect(currentTraceparent()).toBeUndefined();
      return 42;
    });
    expect(answer).toBe(42);
    const headers: Record<string, string> = {};
    injectTraceHeaders(headers);
    expect(headers).toEqual({});
    expect(contextFromTraceparent(traceparent)).toBe(context.active());
  });

  it('still reports a failure of the work it wraps', async () => {
    await expect(
      inSpan('x', {}, async () => {
        throw new Error('store down');
      }),
    ).rejects.toThrow('store down');
  });
});
