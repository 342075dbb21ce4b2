import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Response } from 'express';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { renderSignedInPage, SIGNED_IN_PAGES } from './signed-in-pages.util';

/**
 * The pages run under a policy that allows only this origin's own files: no inline script or
 * style, no other origin, no framing. Anything a compromised API answer might try to inject has
 * nowhere to run even if a page forgot to use textContent.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // A page may be opened with ?token= in its address; no request it makes may carry that address elsewhere.
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

export type PageName = keyof typeof SIGNED_IN_PAGES | 'public' | 'not-found';

const ASSET_NAME = /^[a-z0-9][a-z0-9-]*\.(js|css|svg)$/;

/**
 * The static files of the web pages. They sit next to this file in `pages/` both in the source
 * tree (jest, swc-node) and in the build (nest-cli.json copies them to dist/src/web/pages), so
 * one path serves both. Only files present at start-up are served, by exact name.
 */
@Injectable()
export class WebPages implements OnModuleInit {
  readonly directory = join(__dirname, 'pages');
  private assets = new Set<string>();
  /** The signed-in pages, filled from one shell once at start-up. */
  private rendered = new Map<PageName, string>();

  constructor(private readonly config: AppConfig) {}

  onModuleInit(): void {
    if (!this.config.runsApi) return;
    if (!existsSync(join(this.directory, 'signed-in.html'))) {
      throw new Error(`web pages not found in ${this.directory}: the build must copy src/web/pages (the "assets" entry of nest-cli.json)`);
    }
    this.assets = new Set(readdirSync(join(this.directory, 'assets')).filter((name) => ASSET_NAME.test(name)));
    const shell = readFileSync(join(this.directory, 'signed-in.html'), 'utf8');
    for (const [name, page] of Object.entries(SIGNED_IN_PAGES)) this.rendered.set(name as PageName, renderSignedInPage(shell, page));
  }

  sendPage(response: Response, page: PageName, status = 200): void {
    const html = this.rendered.get(page);
    if (html === undefined) return this.send(response.status(status), `${page}.html`);
    response.status(status).set(PAGE_HEADERS).type('html').send(html);
  }

  /** false when there is no such asset (the caller answers 404). */
  sendAsset(response: Response, name: string): boolean {
    if (!this.assets.has(name)) return false;
    this.send(response, `assets/${name}`);
    return true;
  }

  private send(response: Response, file: string): void {
    response.sendFile(file, { root: this.directory, headers: PAGE_HEADERS, dotfiles: 'deny' }, (error) => {
      // Only if the file vanished after start-up; a client that went away needs no answer.
      if (error && !response.headersSent) response.status(404).json({ statusCode: 404, error: 'not_found', message: `${file} not found` });
    });
  }
}
