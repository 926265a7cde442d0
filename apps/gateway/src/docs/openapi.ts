import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { SECURITY_SCHEMES } from '../auth/auth.decorators';

/** OpenAPI docs at /docs (JSON at /docs-json). */
export function setupOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Segmentation & targeting API')
      .setDescription(
        'Every call carries a workspace key. The secret key (`sk_…`) reaches every endpoint of ' +
          'its workspace; the public key (`pk_…`, shipped in the browser SDK) only the SDK ' +
          'endpoints, which also take HTTP Basic with the key as user name and an empty ' +
          'password (Segment’s convention). Errors: `{ error, message, details? }`.',
      )
      .setVersion('1')
      .addBearerAuth(
        { type: 'http', scheme: 'bearer', description: 'Workspace key: pk_… or sk_…' },
        SECURITY_SCHEMES.key,
      )
      .addBasicAuth(
        {
          type: 'http',
          scheme: 'basic',
          description: 'SDK endpoints, Segment style: public key as user name, empty password',
        },
        SECURITY_SCHEMES.segment,
      )
      .addBearerAuth(
        { type: 'http', scheme: 'bearer', description: 'The ADMIN_TOKEN of the deployment' },
        SECURITY_SCHEMES.admin,
      )
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
