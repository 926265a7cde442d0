import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ROLES } from '@seg/http-shapes';
import { SECURITY_SCHEMES } from '../auth/auth.decorators';
import { SESSION_COOKIE } from '../sessions/session-cookie';

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
      .addCookieAuth(
        SESSION_COOKIE,
        {
          type: 'apiKey',
          in: 'cookie',
          description:
            'Dashboard session (POST /v1/auth/login); changes also send X-CSRF-Token, workspace routes X-Workspace-Id',
        },
        SECURITY_SCHEMES.session,
      )
      .build(),
  );
  addWorkspaceHeader(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

type Document = ReturnType<typeof SwaggerModule.createDocument>;

/**
 * Operations whose session rule names a role (`x-session-role`, from @SessionRole) take the
 * `X-Workspace-Id` header with a session: added here once per operation (the decorator on a
 * class and on a method would list it twice).
 */
function addWorkspaceHeader(document: Document): void {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method] as
        (NonNullable<(typeof item)['get']> & { 'x-session-role'?: unknown }) | undefined;
      const rule = operation?.['x-session-role'];
      if (!operation || !(ROLES as readonly unknown[]).includes(rule)) continue;
      operation.parameters = [
        ...(operation.parameters ?? []),
        {
          name: 'X-Workspace-Id',
          in: 'header',
          required: false,
          schema: { type: 'string' },
          description: `With a session: the workspace to act in (the account needs the role ${String(rule)} or more there)`,
        },
      ];
    }
  }
}
