// Serves the built bundles from their cache folder, refusing any path that would leave it.
import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Sends `relativePath` from `dir`; returns false when there is no such file (the caller answers 404). */
export function sendStatic(res: ServerResponse, dir: string, relativePath: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relativePath);
  } catch {
    return false;
  }
  const full = normalize(join(dir, decoded));
  if (!full.startsWith(normalize(dir) + sep)) return false;
  let size: number;
  try {
    const stat = statSync(full);
    if (!stat.isFile()) return false;
    size = stat.size;
  } catch {
    return false;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(full)] ?? 'application/octet-stream',
    'content-length': size,
    // Bundles are rebuilt in place on restart; the browser must not keep a stale one.
    'cache-control': 'no-cache',
  });
  createReadStream(full).pipe(res);
  return true;
}
