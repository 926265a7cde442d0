import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import type { IncomingMessage } from 'node:http';
import { tracingEnabled } from './tracing-enabled';

/** Probes and scrapes are not traced: one span per scrape would drown the real ones. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|\?|$)/;

/**
 * Evaluated first by `@seg/platform`'s index, so these hooks are in place before the
 * MongoDB driver is loaded (instrumentations patch a module when it is required; entry points
 * import `@seg/platform` before anything that loads mongoose). Spans start recording once
 * `startTracing` registers the provider.
 */
if (tracingEnabled()) {
  registerInstrumentations({
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ''),
        // Express has routed the request by the time its span ends: name it by its template.
        applyCustomAttributesOnSpan: (span, request) => {
          const route = expressRoute(request as IncomingMessage);
          if (!route) return;
          span.setAttribute('http.route', route);
          span.updateName(`${(request as IncomingMessage).method ?? 'HTTP'} ${route}`);
        },
      }),
      new MongoDBInstrumentation({ enhancedDatabaseReporting: false }),
    ],
  });
}

function expressRoute(request: IncomingMessage): string | undefined {
  const { route, baseUrl } = request as IncomingMessage & {
    route?: { path?: unknown };
    baseUrl?: string;
  };
  return typeof route?.path === 'string' ? `${baseUrl ?? ''}${route.path}` : undefined;
}
