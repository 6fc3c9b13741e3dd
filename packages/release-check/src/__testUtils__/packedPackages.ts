import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as tar from 'tar';

/** A workspace package that `yarn release:pack` packs, and where its tarball lands. */
export type PublishablePackage = {
  /** Folder relative to the repository root, e.g. `plugins/firebreak-backend`. */
  dir: string;
  name: string;
  version: string;
  /** Absolute path of its tarball in dist-packages/. */
  tarball: string;
};

function findRepoRoot(from: string): string {
  let dir = from;
  for (;;) {
    const pkgPath = path.join(dir, 'package.json');
    if (
      fs.existsSync(pkgPath) &&
      JSON.parse(fs.readFileSync(pkgPath, 'utf8')).workspaces
    ) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`No workspace root above ${from}`);
    }
    dir = parent;
  }
}

export const repoRoot = findRepoRoot(process.cwd());
export const distPackagesDir = path.join(repoRoot, 'dist-packages');

/** npm's file name for a package tarball: `@scope/name` becomes `scope-name`. */
export function tarballName(name: string, version: string): string {
  return `${name.replace(/^@/, '').replace(/\//g, '-')}-${version}.tgz`;
}

/** Every workspace package that is not private, as release:pack finds them. */
export function readPublishablePackages(): PublishablePackage[] {
  const rootPkg = JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'),
  );
  const dirs = (rootPkg.workspaces as string[]).flatMap(pattern => {
    if (!pattern.endsWith('/*')) {
      return [pattern];
    }
    const parent = pattern.slice(0, -2);
    return fs
      .readdirSync(path.join(repoRoot, parent))
      .map(child => `${parent}/${child}`);
  });
  return dirs
    .filter(dir => fs.existsSync(path.join(repoRoot, dir, 'package.json')))
    .map(dir => ({
      dir,
      pkg: JSON.parse(
        fs.readFileSync(path.join(repoRoot, dir, 'package.json'), 'utf8'),
      ),
    }))
    .filter(({ pkg }) => !pkg.private)
    .map(({ dir, pkg }) => ({
      dir,
      name: pkg.name,
      version: pkg.version,
      tarball: path.join(distPackagesDir, tarballName(pkg.name, pkg.version)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Relative posix paths of every file under dir, skipping the folders named in skip. */
export function listFiles(dir: string, skip: string[] = []): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), {
      withFileTypes: true,
    })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!skip.includes(entry.name)) {
          walk(child);
        }
      } else {
        out.push(child);
      }
    }
  };
  walk('');
  return out.sort();
}

function newestSourceChange(pkg: PublishablePackage): number {
  const dir = path.join(repoRoot, pkg.dir);
  return Math.max(
    ...listFiles(dir, ['node_modules', 'dist', 'dist-types']).map(
      file => fs.statSync(path.join(dir, file)).mtimeMs,
    ),
  );
}

/**
 * Runs `yarn release:pack` unless every tarball exists and is newer than its package's files,
 * so this test works alone as well as after scripts/test.sh has packed (which says so through
 * FIREBREAK_RELEASE_PACKED: then a missing or stale tarball is a failure, not a reason to pack).
 */
export function ensurePacked(packages: PublishablePackage[]): void {
  const stale = packages.filter(
    pkg =>
      !fs.existsSync(pkg.tarball) ||
      fs.statSync(pkg.tarball).mtimeMs < newestSourceChange(pkg),
  );
  if (stale.length === 0) {
    return;
  }
  if (process.env.FIREBREAK_RELEASE_PACKED) {
    // scripts/test.sh packed before jest started; packing again here would overlap other tests.
    throw new Error(
      `FIREBREAK_RELEASE_PACKED is set but these tarballs are missing or older than their sources: ${stale
        .map(pkg => pkg.tarball)
        .join(', ')} (did yarn release:pack fail?)`,
    );
  }
  const result = spawnSync('yarn', ['release:pack'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(
      `yarn release:pack failed (${stale
        .map(pkg => pkg.name)
        .join(', ')} missing or stale):\n${result.stdout}\n${result.stderr}`,
    );
  }
}

/**
 * Unpacks each tarball into `<into>/node_modules/<name>`, the layout a package manager gives
 * an app, and returns each package's folder.
 */
export function unpackAll(
  packages: PublishablePackage[],
  into: string,
): Map<string, string> {
  const dirs = new Map<string, string>();
  for (const pkg of packages) {
    const target = path.join(into, 'node_modules', ...pkg.name.split('/'));
    fs.mkdirSync(target, { recursive: true });
    tar.x({ file: pkg.tarball, cwd: target, strip: 1, sync: true });
    dirs.set(pkg.name, target);
  }
  return dirs;
}

/** The module specifiers a built file imports or requires (static and dynamic). */
export function importedSpecifiers(source: string): string[] {
  const patterns = [
    /^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  const found = new Set<string>();
  for (const pattern of patterns) {
    for (const match of source.matchAll(pattern)) {
      found.add(match[1]);
    }
  }
  return [...found];
}

/** `@scope/name/sub/path` → `@scope/name`, `name/sub` → `name`. */
export function packageOfSpecifier(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
