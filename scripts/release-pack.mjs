#!/usr/bin/env node
// Builds and packs Firebreak's publishable packages (every workspace package that is not
// private) into dist-packages/ exactly as a publish would: `yarn tsc` (the type bundles are
// made from dist-types), then `backstage-cli package build` and `yarn pack` for each package.
// Yarn's pack runs the package's prepack (backstage-cli package prepack: entry points into
// dist, publishConfig applied, config.d.ts compiled to config.schema.json), replaces
// `workspace:` ranges with the packed version, then runs postpack, which restores package.json.
//
// Usage: yarn release:pack   (run through scripts/toolchain.sh's Node 22 and Yarn 4)

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist-packages');

/**
 * The workspace packages that are not private, each after the packages it depends on, so a
 * failure names the lowest broken package.
 */
function readPublishablePackages() {
  const rootPkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json')));
  const dirs = rootPkg.workspaces.flatMap(pattern =>
    pattern.endsWith('/*')
      ? fs
          .readdirSync(path.join(root, pattern.slice(0, -2)))
          .map(child => `${pattern.slice(0, -2)}/${child}`)
      : [pattern],
  );
  const packages = dirs
    .filter(dir => fs.existsSync(path.join(root, dir, 'package.json')))
    .map(dir => {
      const original = fs.readFileSync(
        path.join(root, dir, 'package.json'),
        'utf8',
      );
      return { dir, original, pkg: JSON.parse(original) };
    })
    .filter(({ pkg }) => !pkg.private);
  const names = new Set(packages.map(({ pkg }) => pkg.name));
  const ordered = [];
  while (ordered.length < packages.length) {
    const next = packages.find(
      candidate =>
        !ordered.includes(candidate) &&
        Object.keys(candidate.pkg.dependencies ?? {}).every(
          dep => !names.has(dep) || ordered.some(done => done.pkg.name === dep),
        ),
    );
    if (!next) {
      throw new Error(
        'the publishable packages depend on each other in a cycle',
      );
    }
    ordered.push(next);
  }
  return ordered.map(({ dir, original, pkg }) => ({
    dir,
    original,
    name: pkg.name,
    version: pkg.version,
  }));
}

function run(title, args, { quiet = false } = {}) {
  console.log(`== ${title}`);
  const started = Date.now();
  const result = spawnSync('yarn', args, {
    cwd: root,
    stdio: quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    if (quiet) {
      process.stdout.write(result.stdout ?? '');
      process.stderr.write(result.stderr ?? '');
    }
    throw new Error(`${title} failed (exit ${result.status ?? result.signal})`);
  }
  console.log(`   done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** npm's file name for a package tarball: `@scope/name` becomes `scope-name`. */
function tarballName(name, version) {
  return `${name.replace(/^@/, '').replace(/\//g, '-')}-${version}.tgz`;
}

function formatSize(bytes) {
  return bytes < 1024 * 1024
    ? `${(bytes / 1024).toFixed(1)} KiB`
    : `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

// prepack rewrites package.json and postpack restores it; make sure that happened, so a
// failed pack never leaves a publish-shaped package.json in the working tree.
function checkRestored(dir, original) {
  const pkgPath = path.join(root, dir, 'package.json');
  const backupPath = path.join(root, dir, 'package.json-prepack');
  const schemaPath = path.join(root, dir, 'config.schema.json');
  const problems = [];
  if (fs.existsSync(backupPath)) {
    fs.renameSync(backupPath, pkgPath);
    problems.push('package.json-prepack was left behind (restored it)');
  }
  if (fs.readFileSync(pkgPath, 'utf8') !== original) {
    fs.writeFileSync(pkgPath, original);
    problems.push('package.json was changed (restored it)');
  }
  if (fs.existsSync(schemaPath)) {
    fs.rmSync(schemaPath);
    problems.push(
      'the generated config.schema.json was left behind (removed it)',
    );
  }
  if (problems.length > 0) {
    throw new Error(`${dir}: ${problems.join('; ')}`);
  }
}

function main() {
  const packages = readPublishablePackages();
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });

  run('type check and declarations (yarn tsc)', ['tsc']);

  for (const { dir, name } of packages) {
    run(`build ${name} (${dir})`, ['workspace', name, 'build']);
  }

  const tarballs = [];
  for (const { dir, original, name, version } of packages) {
    const file = path.join(outDir, tarballName(name, version));
    try {
      run(`pack ${name}`, ['workspace', name, 'pack', '--out', file], {
        quiet: true,
      });
    } finally {
      checkRestored(dir, original);
    }
    tarballs.push(file);
  }

  console.log(
    `== ${tarballs.length} packages in ${path.relative(root, outDir)}/`,
  );
  for (const file of tarballs) {
    const size = formatSize(fs.statSync(file).size);
    console.log(`   ${path.relative(root, file)}  ${size}`);
  }
}

try {
  main();
} catch (error) {
  console.error(`release:pack: ${error.message}`);
  process.exit(1);
}
