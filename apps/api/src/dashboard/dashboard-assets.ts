import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

/** The page's own files: plain ES modules and CSS, served as they are (no build step). */
export const WEB_DIR = join(__dirname, 'web');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Files of npm packages served beside the page's own, so nothing comes from a CDN: name -> package file. */
const VENDOR_FILES: Readonly<Record<string, string>> = {
  'uPlot.esm.js': 'uplot/dist/uPlot.esm.js',
  'uPlot.min.css': 'uplot/dist/uPlot.min.css',
};

export interface DashboardAsset {
  body: Buffer;
  contentType: string;
  /** Strong validator: a hash of the bytes. */
  etag: string;
}

/**
 * Every file the dashboard serves, read once at startup into memory (well under a megabyte): the
 * page (index.html), its modules and styles, and the charting library from node_modules. Only these
 * names can be fetched, so a request can never reach another file.
 */
export class DashboardAssets {
  readonly page: DashboardAsset;
  /** Also served at /favicon.ico, where browsers look for it. */
  readonly favicon: DashboardAsset;
  /** Content-Security-Policy of the page: own origin only, plus the hash of its inline import map. */
  readonly pageCsp: string;
  private readonly files = new Map<string, DashboardAsset>();

  constructor(dir: string = WEB_DIR) {
    for (const name of readdirSync(dir)) {
      const type = CONTENT_TYPES[extname(name)];
      if (type && name !== 'index.html') this.files.set(name, asset(readFileSync(join(dir, name)), type));
    }
    for (const [name, file] of Object.entries(VENDOR_FILES)) {
      this.files.set(name, asset(readFileSync(require.resolve(file)), CONTENT_TYPES[extname(name)]));
    }
    this.page = asset(readFileSync(join(dir, 'index.html')), CONTENT_TYPES['.html']);
    const icon = this.files.get('favicon.svg');
    if (!icon) throw new Error(`the dashboard has no favicon.svg in ${dir}`);
    this.favicon = icon;
    this.pageCsp = contentSecurityPolicy(this.page.body.toString('utf8'));
  }

  /** A file by its name (`app.js`), or undefined when there is none. */
  get(name: string): DashboardAsset | undefined {
    return this.files.get(name);
  }
}

function asset(body: Buffer, contentType: string): DashboardAsset {
  return { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

/** Inline scripts are refused except the import map, allowed by its hash. */
function contentSecurityPolicy(html: string): string {
  const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html);
  const hash = importMap ? ` 'sha256-${createHash('sha256').update(importMap[1]).digest('base64')}'` : '';
  return [
    "default-src 'self'",
    `script-src 'self'${hash}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
