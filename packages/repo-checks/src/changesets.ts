import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** A workspace package that is published, so its changes need a changeset. */
export interface PublishedPackage {
  name: string;
  /** The package folder, relative to the repository root, with forward slashes. */
  dir: string;
  version: string;
}

/** A pending changeset: a `.changeset/*.md` file and the packages it releases. */
export interface PendingChangeset {
  file: string;
  packages: string[];
}

/** A published package that changed since its last release and no changeset names. */
export interface MissingChangeset {
  pkg: PublishedPackage;
  /** The commit of the package's last release; undefined when it was never released. */
  lastRelease?: string;
  /** The changed files, relative to the package folder. */
  files: string[];
}

async function git(root: string, args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('git', args, {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

function splitNul(output: string): string[] {
  return output.split('\0').filter(Boolean);
}

async function readJson(file: string): Promise<any> {
  return JSON.parse(await fs.readFile(file, 'utf8'));
}

async function expandWorkspacePattern(
  root: string,
  pattern: string,
): Promise<string[]> {
  const normalized = pattern.replace(/\/+$/, '');
  if (!normalized.includes('*')) {
    return [normalized];
  }
  // The root package.json only uses "folder/*"; anything richer is refused rather than guessed.
  if (!/^[^*]+\/\*$/.test(normalized)) {
    throw new Error(
      `Unsupported workspace pattern "${pattern}": only "folder" and "folder/*" are understood`,
    );
  }
  const parent = normalized.slice(0, -2);
  const entries = await fs
    .readdir(path.join(root, parent), { withFileTypes: true })
    .catch(() => []);
  return entries
    .filter(entry => entry.isDirectory())
    .map(entry => `${parent}/${entry.name}`)
    .sort();
}

/** The workspace packages that are not private, from the root package.json's `workspaces`. */
export async function listPublishedPackages(
  root: string,
): Promise<PublishedPackage[]> {
  const rootPkg = await readJson(path.join(root, 'package.json'));
  const patterns: string[] = Array.isArray(rootPkg.workspaces)
    ? rootPkg.workspaces
    : rootPkg.workspaces?.packages ?? [];
  const packages: PublishedPackage[] = [];
  for (const pattern of patterns) {
    for (const dir of await expandWorkspacePattern(root, pattern)) {
      const pkg = await readJson(path.join(root, dir, 'package.json')).catch(
        () => undefined,
      );
      if (pkg && pkg.name && !pkg.private) {
        packages.push({ name: pkg.name, dir, version: pkg.version });
      }
    }
  }
  return packages;
}

function versionIn(packageJson: string | undefined): string | undefined {
  if (packageJson === undefined) {
    return undefined;
  }
  try {
    return JSON.parse(packageJson).version;
  } catch {
    return undefined;
  }
}

async function showFile(
  root: string,
  rev: string,
  file: string,
): Promise<string | undefined> {
  try {
    return await git(root, ['show', `${rev}:${file}`]);
  } catch {
    return undefined;
  }
}

/**
 * The last commit that changed the `version` in the package's package.json, or undefined if it
 * never changed. The commit that adds the package.json is not a release: the version it starts
 * with was never published.
 */
export async function findLastRelease(
  root: string,
  pkgDir: string,
): Promise<string | undefined> {
  const file = `${pkgDir}/package.json`;
  const commits = (await git(root, ['log', '--format=%H', 'HEAD', '--', file]))
    .split('\n')
    .filter(Boolean);
  for (const commit of commits) {
    const after = versionIn(await showFile(root, commit, file));
    const before = versionIn(await showFile(root, `${commit}^`, file));
    if (before !== undefined && after !== undefined && before !== after) {
      return commit;
    }
  }
  return undefined;
}

/**
 * Whether a change to this file, relative to its package folder, can reach the people who
 * install the package. The exclusions follow Backstage's own changeset feedback.
 */
export function isReleasedPath(fileInPackage: string): boolean {
  const segments = fileInPackage.split('/');
  const name = segments[segments.length - 1];
  if (segments[0] === 'dev') {
    return false;
  }
  if (
    segments.some(s =>
      ['__testUtils__', '__mocks__', '__fixtures__'].includes(s),
    )
  ) {
    return false;
  }
  if (
    name.includes('.test.') ||
    name.includes('.stories.') ||
    name.startsWith('setupTests.')
  ) {
    return false;
  }
  if (segments.length === 1) {
    if (name === 'CHANGELOG.md' || name === '.eslintrc.js') {
      return false;
    }
    // API Extractor and CLI reports describe the API; the change that moved them is what counts.
    if (
      /^(report(-[^.]+)?\.api|api-report(-[^.]+)?|cli-report(-[^.]+)?)\.md$/.test(
        name,
      )
    ) {
      return false;
    }
  }
  return true;
}

async function emptyTree(root: string): Promise<string> {
  return (await git(root, ['hash-object', '-t', 'tree', '/dev/null'])).trim();
}

/**
 * The package's files that differ from its last release (or every file, if never released),
 * counting uncommitted and untracked changes, less those `isReleasedPath` leaves out.
 */
export async function listChangedFiles(
  root: string,
  pkgDir: string,
  lastRelease: string | undefined,
): Promise<string[]> {
  const base = lastRelease ?? (await emptyTree(root));
  const changed = splitNul(
    await git(root, [
      'diff',
      '--name-only',
      '--no-renames',
      '-z',
      base,
      '--',
      pkgDir,
    ]),
  );
  const untracked = splitNul(
    await git(root, [
      'ls-files',
      '--others',
      '--exclude-standard',
      '-z',
      '--',
      pkgDir,
    ]),
  );
  const prefix = `${pkgDir}/`;
  return [...new Set([...changed, ...untracked])]
    .filter(file => file.startsWith(prefix))
    .map(file => file.slice(prefix.length))
    .filter(isReleasedPath)
    .sort();
}

/** The package names in a changeset's front matter, e.g. `'@firebreak/backstage-plugin': patch`. */
export function parseChangesetPackages(
  content: string,
  file: string,
): string[] {
  const lines = content.split(/\r?\n/);
  const start = lines.findIndex(line => line.trim() === '---');
  const end = lines.findIndex((line, i) => i > start && line.trim() === '---');
  if (start === -1 || end === -1) {
    throw new Error(`${file}: no front matter between two "---" lines`);
  }
  const names: string[] = [];
  for (const line of lines.slice(start + 1, end)) {
    if (!line.trim()) {
      continue;
    }
    const match = line.match(
      /^\s*(?:'([^']+)'|"([^"]+)"|([^\s:'"][^:]*?))\s*:\s*(major|minor|patch|none)\s*$/,
    );
    if (!match) {
      throw new Error(`${file}: unreadable front matter line "${line}"`);
    }
    names.push(match[1] ?? match[2] ?? match[3]);
  }
  return names;
}

/** The pending changesets: `.changeset/*.md` except its README and files starting with a dot. */
export async function readPendingChangesets(
  root: string,
): Promise<PendingChangeset[]> {
  const dir = path.join(root, '.changeset');
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const changesets: PendingChangeset[] = [];
  for (const name of names.sort()) {
    if (!name.endsWith('.md') || name === 'README.md' || name.startsWith('.')) {
      continue;
    }
    const file = `.changeset/${name}`;
    const content = await fs.readFile(path.join(dir, name), 'utf8');
    changesets.push({ file, packages: parseChangesetPackages(content, file) });
  }
  return changesets;
}

/**
 * Every published package that changed since its last release without a pending changeset
 * naming it. A package whose package.json version differs from HEAD's is being released right
 * now (`changeset version` ran and is not committed yet), so nothing is pending for it.
 */
export async function findMissingChangesets(
  root: string,
): Promise<MissingChangeset[]> {
  const packages = await listPublishedPackages(root);
  const changesets = await readPendingChangesets(root);
  const named = new Set(changesets.flatMap(c => c.packages));
  const missing: MissingChangeset[] = [];
  for (const pkg of packages) {
    if (named.has(pkg.name)) {
      continue;
    }
    const committed = versionIn(
      await showFile(root, 'HEAD', `${pkg.dir}/package.json`),
    );
    if (committed !== undefined && committed !== pkg.version) {
      continue;
    }
    const lastRelease = await findLastRelease(root, pkg.dir);
    const files = await listChangedFiles(root, pkg.dir, lastRelease);
    if (files.length > 0) {
      missing.push({ pkg, lastRelease, files });
    }
  }
  return missing;
}

/** The failure message: each package, a few of its changed files, and how to add a changeset. */
export function formatMissingChangesets(
  missing: MissingChangeset[],
  maxFiles = 5,
): string {
  const lines = [
    `Missing changesets: ${missing.length} published package(s) changed since their last release, and no pending changeset in .changeset/ names them.`,
    '',
  ];
  for (const { pkg, lastRelease, files } of missing) {
    const commit = lastRelease?.slice(0, 12);
    lines.push(
      commit
        ? `  ${pkg.name} (${pkg.dir}) changed since its last release (${pkg.version}, commit ${commit}):`
        : `  ${pkg.name} (${pkg.dir}) has never been released; its files:`,
    );
    for (const file of files.slice(0, maxFiles)) {
      lines.push(`    ${file}`);
    }
    if (files.length > maxFiles) {
      lines.push(`    ... and ${files.length - maxFiles} more`);
    }
    lines.push('');
  }
  lines.push(
    'Add one with `yarn changeset`: choose the package(s), the bump (while a package is 0.x,',
    '`minor` for breaking changes and `patch` otherwise), write a line for the people who',
    'install it, and commit the new .changeset/*.md file.',
  );
  return lines.join('\n');
}
