import type { Request } from 'express';
import { routeOf } from './http-metrics';
import { metricCounter, metricGauge, metricsText, onMetricsScrape } from './registry';

describe('metrics registry', () => {
  it('answers the same metric for one name, so a module booted twice does not collide', () => {
    const first = metricCounter({
      name: 'test_things_total',
      help: 'things',
      labelNames: ['kind'],
    });
    expect(metricCounter({ name: 'test_things_total', help: 'things' })).toBe(first);
    expect(() => metricGauge({ name: 'test_things_total', help: 'things' })).toThrow(
      /another type/,
    );
  });

  it('serves what was recorded, after running the scrape hooks', async () => {
    metricCounter({ name: 'test_hits_total', help: 'hits', labelNames: ['cache'] }).inc(
      { cache: 'x' },
      3,
    );
    const depth = metricGauge({ name: 'test_depth', help: 'depth' });
    const stop = onMetricsScrape(async () => depth.set(7));
    const { body, contentType } = await metricsText();
    stop();
    expect(contentType).toContain('text/plain');
    expect(body).toContain('test_hits_total{cache="x"} 3');
    expect(body).toContain('test_depth 7');
  });

  it('labels HTTP answers by route template, never by raw path', () => {
    const routed = { route: { path: '/users/:userId' }, baseUrl: '/v1' } as unknown as Request;
    expect(routeOf(routed)).toBe('/v1/users/:userId');
    expect(routeOf({ baseUrl: '' } as unknown as Request)).toBe('unmatched');
  });
});
