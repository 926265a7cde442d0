import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { hostname } from 'node:os';
import { tracingEnabled } from './tracing-enabled';

export { tracingEnabled };

let provider: TracerProvider | undefined;

/**
 * Registers the tracer provider of this process (service name `service`) when tracing is
 * enabled: W3C trace context, spans batched to `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`
 * over OTLP/HTTP (JSON). Once per process; a no-op when tracing is off.
 */
export function startTracing(service: string, env = process.env): void {
  if (provider || !tracingEnabled(env)) return;
  const delay = Number(env['OTEL_BSP_SCHEDULE_DELAY'] ?? 2_000);
  provider = new TracerProvider({
    resource: resourceFromAttributes({
      'service.name': service,
      'service.instance.id': `${hostname()}:${process.pid}`,
    }),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: new OTLPTraceExporter(),
        scheduledDelayMillis: Number.isFinite(delay) && delay > 0 ? delay : 2_000,
      }),
    ],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
}

/** Exports what is left (called on shutdown). */
export async function stopTracing(): Promise<void> {
  await provider?.shutdown();
  provider = undefined;
}

const tracer = () => trace.getTracer('@seg/platform');

/** The trace context of the current span as carrier entries (`traceparent`, `tracestate`). */
export function traceCarrier(active: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(active, carrier);
  return carrier;
}

/** The context a message or job was sent in, read from its headers or data. */
export function contextFrom(carrier: Record<string, unknown> | undefined): Context {
  const entries: Record<string, string> = {};
  for (const key of ['traceparent', 'tracestate']) {
    const value = carrier?.[key];
    if (typeof value === 'string') entries[key] = value;
  }
  return propagation.extract(context.active(), entries);
}

export interface SpanOptions {
  kind: SpanKind;
  attributes?: Attributes;
  /** The sender's context (a bus message, a job); the current one otherwise. */
  parent?: Context;
  /** Whether a thrown error is a fault of this span (default: every error is). */
  isFault?: (error: unknown) => boolean;
}

/**
 * Runs `work` inside a new active span; a throw marks the span as an error (and is rethrown).
 * `work` may end the span as failed itself through `failSpan`.
 */
export async function inSpan<T>(
  name: string,
  options: SpanOptions,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  return tracer().startActiveSpan(
    name,
    { kind: options.kind, attributes: options.attributes },
    parent,
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        if (options.isFault?.(error) ?? true) failSpan(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

export function failSpan(span: Span | undefined, error: unknown, message?: string): void {
  if (!span) return;
  if (error instanceof Error) span.recordException(error);
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: message ?? (error instanceof Error ? error.message : String(error)),
  });
}

/** The trace and span ids of the current span, for log lines (empty when none is recorded). */
export function currentTraceIds(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId, traceFlags } = span.spanContext();
  // Not sampled or not traced (tracing off): nothing an operator could look up.
  if (!(traceFlags & 1)) return {};
  return { traceId, spanId };
}

export { SpanKind };
