import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI docs at /docs (JSON at /docs-json). */
export function setupOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Segmentation & targeting API')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'pk_… or sk_… key' }, 'key')
      .addBasicAuth(
        { type: 'http', scheme: 'basic', description: 'Segment style: public key as user' },
        'segment',
      )
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
