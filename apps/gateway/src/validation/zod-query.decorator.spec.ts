import { Controller, Get } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { pageQuery } from '@seg/http-shapes';
import type { z } from 'zod';
import { HttpErrorFilter } from '../errors/http-error.filter';
import { ZodQuery } from './zod-query.decorator';

@Controller('things')
class ThingsController {
  @Get()
  list(@ZodQuery(pageQuery) query: z.output<typeof pageQuery>) {
    return query;
  }
}

describe('ZodQuery', () => {
  it('documents each key of the schema as a query parameter, and the 400', async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ThingsController] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    await app.close();
    const operation = document.paths['/things']?.get;
    expect(operation?.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'limit',
          in: 'query',
          required: false,
          schema: expect.objectContaining({ type: 'integer', minimum: 1, maximum: 1000 }),
        }),
        expect.objectContaining({
          name: 'cursor',
          in: 'query',
          required: false,
          schema: expect.objectContaining({ type: 'string' }),
        }),
      ]),
    );
    expect(operation?.parameters).toHaveLength(2);
    expect(Object.keys(operation?.responses ?? {})).toContain('400');
  });

  it('parses the query with the schema; a bad one is a VALIDATION_FAILED naming query.<key>', async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ThingsController] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new HttpErrorFilter());
    await app.listen(0, '127.0.0.1');
    try {
      const url = await app.getUrl();
      const ok = await fetch(`${url}/things?limit=5&cursor=abc`);
      expect(await ok.json()).toEqual({ limit: 5, cursor: 'abc' });
      const defaults = await fetch(`${url}/things`);
      expect(await defaults.json()).toEqual({ limit: 50 });
      const bad = await fetch(`${url}/things?limit=0&sort=name`);
      expect(bad.status).toBe(400);
      const body = (await bad.json()) as { details: Array<{ path: string }> };
      expect(body.details.map((detail) => detail.path).sort()).toEqual([
        'query.limit',
        'query.sort',
      ]);
    } finally {
      await app.close();
    }
  });
});
