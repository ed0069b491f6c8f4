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
