import { type INestApplication, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import path from 'node:path';
import serveStatic from 'serve-static';

/** Paths the API owns: the dashboard never answers them, so their 404s stay the API's. */
const API_PREFIXES = ['/v1', '/docs', '/docs-json', '/health'];

function isApiPath(requestPath: string): boolean {
  return API_PREFIXES.some(
    (prefix) => requestPath === prefix || requestPath.startsWith(`${prefix}/`),
  );
}

/**
 * The app's Content-Security-Policy: its own scripts only (Vite emits no inline script), no
 * plugins, no framing. Styles allow inline: Mantine sets CSS variables in style attributes and
 * a <style> element.
 */
const DASHBOARD_CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built dashboard (`vite build` output) at `/`: its files, and `index.html` for any
 * other GET outside the API so client routes (`/segments/new`) survive a reload. Returns false,
 * serving nothing, when the app is not built.
 */
export function serveDashboard(app: INestApplication, directory: string): boolean {
  const root = path.resolve(directory);
  const indexFile = path.join(root, 'index.html');
  if (!existsSync(indexFile)) {
    new Logger('Dashboard').warn(`${indexFile} not found: the dashboard is not served`);
    return false;
  }
  const assetsDir = path.join(root, 'assets') + path.sep;
  const securityHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: DASHBOARD_CSP_DIRECTIVES },
  });
  const files = serveStatic(root, {
    index: false,
    // Vite names assets by content hash: they never change under the same name.
    setHeaders: (res, file) =>
      res.setHeader('Cache-Control', file.startsWith(assetsDir) ? IMMUTABLE : 'no-cache'),
  });

  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) return next();
    securityHeaders(req, res, (error?: unknown) => {
      if (error) return next(error);
      files(req, res, () => {
        // A missing asset is a 404 (from Nest), not the app's HTML.
        if (path.extname(req.path) !== '') return next();
        res.setHeader('Cache-Control', 'no-cache');
        res.sendFile(indexFile);
      });
    });
  });
  return true;
}
