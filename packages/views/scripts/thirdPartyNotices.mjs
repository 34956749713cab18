// Third-party notices for bundled code: which npm packages a bundler put into an output (from its own list of the
// module files it bundled), and each one's name, version, licence id and licence text, read from the package's
// folder. Their licences ask that the notice travel with the code. Used by this package's view build and by the
// mcp-panther command's bundle (packages/cli/scripts/bundle.mjs).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The package folder of a module file inside node_modules (the innermost one, for pnpm's nested layout). */
const PACKAGE_DIR = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/;

/**
 * The folders of the npm packages that bundled module files belong to, each once, sorted. A file outside
 * node_modules is the project's own (or a bundler's virtual module, which has no path) and adds nothing.
 */
export function bundledPackageDirs(files) {
  const dirs = new Set();
  for (const file of files) {
    const match = PACKAGE_DIR.exec(path.resolve(file));
    if (match) dirs.add(match[1]);
  }
  return [...dirs].sort();
}

/** A licence, copying or notice file at the top of a package folder. */
const LICENCE_FILE = /^(licen[cs]e|copying|notice)/i;

/** What the notice says of one package: from its package.json and the licence files in its folder. */
export function packageNotice(dir) {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const texts = readdirSync(dir)
    .filter((file) => LICENCE_FILE.test(file))
    .sort()
    .map((file) => readFileSync(path.join(dir, file), 'utf8').trim());
  const license =
    typeof manifest.license === 'string' ? manifest.license : (manifest.license?.type ?? 'see package');
  return { name: manifest.name, version: manifest.version, license, texts };
}

/** The notices of the packages in these folders, each name and version once, sorted by name. */
export function packageNotices(dirs) {
  const seen = new Set();
  const notices = [];
  for (const notice of dirs.map(packageNotice)) {
    const key = `${notice.name}@${notice.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    notices.push(notice);
  }
  return notices.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/** Fences a licence text with more backticks than it holds in a row, so no line of it can close the block. */
function fenced(text) {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${text}\n${fence}`;
}

/** THIRD-PARTY-NOTICES.md: a heading per package (`name@version (licence)`) over its licence texts. */
export function noticesMarkdown(intro, notices) {
  const sections = notices.map(
    (n) =>
      `## ${n.name}@${n.version} (${n.license})\n\n${n.texts.length > 0 ? n.texts.map(fenced).join('\n\n') : '(no licence file in the package)'}\n`,
  );
  return `# Third-party notices\n\n${intro}\n\n${sections.join('\n')}`;
}

/** One line for an HTML page: the bundled packages and where their licences are. */
export function noticesComment(notices, where) {
  const list = notices.map((n) => `${n.name}@${n.version} (${n.license})`).join(', ');
  if (/--|>/.test(list + where)) throw new Error(`cannot put "${list}" in an HTML comment`);
  return `<!-- Bundled third-party code: ${list}. Licences: ${where}. -->`;
}
