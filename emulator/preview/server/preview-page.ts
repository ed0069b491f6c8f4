// The HTML shell of the preview: the host bundle (an ES module, with the theme chunks it imports) and its CSS.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function previewHtml(appDir: string): string {
  const appCss = existsSync(join(appDir, 'app.css'))
    ? '\n    <link rel="stylesheet" href="/__preview/app/app.css" />'
    : '';
  return `<!doctype html>
<html lang="en" data-color-mode="light">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Local preview — JIT Access admin page (not Atlassian)</title>
    <link rel="stylesheet" href="/__preview/host/host.css" />${appCss}
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/__preview/host/host.js"></script>
  </body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/** Shown instead of the page when the app's UI Kit page does not build (a syntax error, a missing import). */
export function buildFailureHtml(message: string): string {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Local preview — build failed</title></head>
  <body style="font-family: system-ui, sans-serif; margin: 24px">
    <h1 style="font-size: 20px">Local preview — the page did not build</h1>
    <p>Fix the error below and reload. (This is the local emulator, not Atlassian.)</p>
    <pre style="background: #ffeceb; color: #ae2e24; padding: 12px; white-space: pre-wrap">${escapeHtml(message)}</pre>
  </body>
</html>
`;
}
