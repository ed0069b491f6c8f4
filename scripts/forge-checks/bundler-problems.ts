// Turns a @forge/bundler failure into problems, with file:line wherever the message lets us find them.
import fs from 'node:fs';
import path from 'node:path';
import { describeError, type Problem } from './check-result';

// @forge/bundler joins webpack's error messages with ', ' behind one of these prefixes (bundler/out/text.js).
const PREFIXES = [
  /^Bundling failed: /,
  /^TypeScript errors in the app caused the bundling to fail\. Fix the errors listed below before rerunning the command\. /,
];
// Where one webpack message ends and the next begins: joined with ', ', or with '\n' when all are TypeScript's.
const MESSAGE_BOUNDARY =
  /(?:, |\n)(?=Module not found: |\[tsl\] |Module build failed|Module parse failed|ERROR in )/;
const TS_ERROR = /^\[tsl\] ERROR(?: in (.+?)\((\d+),(\d+)\))?\s+(TS\d+: [\s\S]*)$/;
const UNRESOLVED = /^Module not found: Error: Can't resolve '([^']+)' in '([^']+)'/;
const NO_EMIT = /TypeScript emitted no output for (.+?)\.?$/m;
const STACK_LINES = /\n\s+at .*/g;
const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.js', '.jsx', '.cjs', '.mjs']);

export function bundlerProblems(error: unknown): Problem[] {
  let text = describeError(error);
  for (const prefix of PREFIXES) text = text.replace(prefix, '');
  return text
    .split(MESSAGE_BOUNDARY)
    .map((message) => message.trim())
    .filter((message) => message.length > 0)
    .flatMap(toProblems);
}

function toProblems(message: string): Problem[] {
  const ts = TS_ERROR.exec(message);
  if (ts) {
    const [, file, line, column, detail = ''] = ts;
    const message = detail.replace(/\s+/g, ' ');
    return [file ? { message, file, line: Number(line), column: Number(column) } : { message }];
  }
  const unresolved = UNRESOLVED.exec(message);
  if (unresolved) {
    const [, specifier = '', dir = ''] = unresolved;
    const text = `cannot resolve import '${specifier}'`;
    const sites = importSites(specifier, dir);
    return sites.length > 0 ? sites.map((site) => ({ message: text, ...site })) : [{ message, file: dir }];
  }
  const noOutput = NO_EMIT.exec(message);
  if (noOutput) {
    return [
      {
        message:
          'TypeScript emitted no JavaScript for ts-loader: the app\'s tsconfig.json must not set "noEmit" ' +
          'or "emitDeclarationOnly" (`forge deploy` fails the same way)',
        file: noOutput[1] ?? '',
      },
    ];
  }
  // Loader failures carry the loader's stack trace, which says nothing about the app.
  return [{ message: message.replace(STACK_LINES, '') }];
}

/** Webpack names only the importing folder; find the import statements in it that name the specifier. */
function importSites(specifier: string, dir: string): { file: string; line: number; column: number }[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const quoted = `(['"\`])${specifier.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1`;
  const pattern = new RegExp(`(?:\\bfrom\\s*|\\bimport\\s*\\(?\\s*|\\brequire\\s*\\(\\s*)${quoted}`);
  const sites: { file: string; line: number; column: number }[] = [];
  for (const name of names.filter((n) => SOURCE_EXTENSIONS.has(path.extname(n))).sort()) {
    const file = path.join(dir, name);
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, index) => {
        const match = pattern.exec(text);
        if (match) sites.push({ file, line: index + 1, column: match.index + 1 });
      });
  }
  return sites;
}
