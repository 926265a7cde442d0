import { context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { newErrorId, runWithRequestId } from '../request-context/request-id';
import { contextFrom, currentTraceIds, inSpan, SpanKind, traceCarrier } from './tracing';
import { tracingEnabled } from './tracing-enabled';

const exporter = new InMemorySpanExporter();

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(
    new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }),
  );
});
beforeEach(() => exporter.reset());

describe('tracing', () => {
  it('is off unless an OTLP endpoint is configured', () => {
    expect(tracingEnabled({})).toBe(false);
    expect(tracingEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toBe(true);
    expect(
      tracingEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x', OTEL_SDK_DISABLED: 'true' }),
    ).toBe(false);
  });

  it('carries the trace context to the receiving side (headers or job data)', async () => {
    let carrier: Record<string, string> = {};
    await inSpan('users.profile.get send', { kind: SpanKind.CLIENT }, async () => {
      carrier = traceCarrier();
    });
    expect(carrier['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    await inSpan(
      'users.profile.get process',
      { kind: SpanKind.SERVER, parent: contextFrom(carrier) },
      async () => undefined,
    );
    const [sent, handled] = exporter.getFinishedSpans();
    expect(handled?.spanContext().traceId).toBe(sent?.spanContext().traceId);
    expect(handled?.parentSpanContext?.spanId).toBe(sent?.spanContext().spanId);
  });

  it('names the request and the fault on the current span, and gives log lines its ids', async () => {
    let ids: ReturnType<typeof currentTraceIds> = {};
    let errorId = '';
    await inSpan('job process', { kind: SpanKind.CONSUMER }, async () =>
      runWithRequestId('req-1', () => {
        ids = currentTraceIds();
        errorId = newErrorId();
      }),
    );
    const [span] = exporter.getFinishedSpans();
    expect(span?.attributes['request.id']).toBe('req-1');
    expect(span?.attributes['error.id']).toBe(errorId);
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(ids).toEqual({
      traceId: span?.spanContext().traceId,
      spanId: span?.spanContext().spanId,
    });
  });

  it('marks a span failed when its work throws a fault, and not for an expected error', async () => {
    await expect(
      inSpan('a', { kind: SpanKind.INTERNAL }, async () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    await expect(
      inSpan('b', { kind: SpanKind.INTERNAL, isFault: () => false }, async () =>
        Promise.reject(new Error('not found')),
      ),
    ).rejects.toThrow('not found');
    const [a, b] = exporter.getFinishedSpans();
    expect(a?.status.code).toBe(SpanStatusCode.ERROR);
    expect(b?.status.code).toBe(SpanStatusCode.UNSET);
  });
});
