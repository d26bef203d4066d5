// GET /console: the web console's static files (packages/console, built by `sluice prepare`). The pages are
// public (they hold no data); everything they show comes from the /v1 API with the key the user logs in with.
import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { repoRoot } from '@sluice/service-kit';
import { ConsoleFiles } from '../console-files.js';
import type { GatewaySettings } from '../settings.js';

/** Scripts, styles and fetches from this origin only; no frames, no plugins. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Sluice console</title>
<body><h1>The console is not built</h1><p>Run <code>pnpm sluice prepare</code> (or <code>pnpm start</code>),
which builds packages/console, then reload this page.</p></body></html>`;

export function consoleDirectory(settings: GatewaySettings): string {
  return settings.console_directory
    ? path.resolve(settings.console_directory)
    : path.join(repoRoot, 'packages', 'console', 'dist');
}

export const consoleRoutes: FastifyPluginAsync<{ settings: GatewaySettings }> = async (app, { settings }) => {
  const files = new ConsoleFiles(consoleDirectory(settings));
  const hidden = { hide: true } as const;

  const send = (reply: FastifyReply, relative: string, ifNoneMatch: string | undefined) => {
    reply
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer');
    if (!files.built) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT);
    // Paths without a file are the page's own routes: the single page answers them.
    const file = files.get(relative) ?? (relative.startsWith('assets/') ? undefined : files.get(''));
    if (!file) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
    reply
      .header('etag', file.etag)
      .header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (ifNoneMatch === file.etag) return reply.code(304).send();
    return reply.type(file.contentType).send(file.body);
  };

  app.get('/console', { config: { scope: 'public' }, schema: hidden }, async (_request, reply) =>
    reply.redirect('/console/', 301),
  );
  app.get<{ Params: { '*': string } }>(
    '/console/*',
    { config: { scope: 'public' }, schema: hidden },
    async (request, reply) => send(reply, request.params['*'], request.headers['if-none-match']),
  );
};
