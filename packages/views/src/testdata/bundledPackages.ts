import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The npm packages whose files a bundle holds, found the way Node finds a file's package: the nearest folder
 * above it with a package.json that has a name (zod and the MCP SDK keep name-less package.json files in their
 * subfolders). Files outside node_modules are the project's own and are left out.
 */

export interface BundledPackage {
  readonly name: string;
  readonly version: string;
  /** Its licence files' texts, as the package ships them. */
  readonly licenceTexts: readonly string[];
}

function packageOf(file: string): BundledPackage {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifestFile = path.join(dir, 'package.json');
    if (!existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { name?: string; version?: string };
    if (manifest.name === undefined || manifest.version === undefined) continue;
    const licenceTexts = readdirSync(dir)
      .filter((entry) => /^licen[cs]e/i.test(entry))
      .map((entry) => readFileSync(path.join(dir, entry), 'utf8').trim());
    return { name: manifest.name, version: manifest.version, licenceTexts };
  }
  throw new Error(`${file} is in no package`);
}

/** The third-party packages of these bundled files (absolute paths), each once. */
export function thirdPartyPackages(files: readonly string[]): BundledPackage[] {
  const found = new Map<string, BundledPackage>();
  for (const file of files) {
    if (!file.split(/[\\/]/).includes('node_modules')) continue;
    const pkg = packageOf(file);
    found.set(`${pkg.name}@${pkg.version}`, pkg);
  }
  return [...found.values()];
}

/** What a notices file is missing of these packages: a `## name@version (licence)` heading or a licence text. */
export function missingNotices(notices: string, packages: readonly BundledPackage[]): string[] {
  const missing: string[] = [];
  for (const pkg of packages) {
    const heading = `\n## ${pkg.name}@${pkg.version} (`;
    const at = notices.indexOf(heading);
    if (at < 0) {
      missing.push(`${pkg.name}@${pkg.version}: no heading`);
      continue;
    }
    // The package's own section runs to the next heading of a package (one outside a fenced licence text).
    const section = notices.slice(at + heading.length).split(/\n`{3,}\n\n## [^\n]+@[^\n]+ \(/)[0] ?? '';
    for (const text of pkg.licenceTexts) {
      if (!section.includes(text)) missing.push(`${pkg.name}@${pkg.version}: its licence text`);
    }
  }
  return missing;
}
