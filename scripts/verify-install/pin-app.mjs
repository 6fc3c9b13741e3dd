#!/usr/bin/env node
// Pins a freshly created Backstage app to this repository's Backstage release, so Firebreak is
// judged against the versions it was built with: `backstage-cli versions:bump --release` needs
// the internet, and without the create-app lockfile seed a plain install resolves newer packages.
//
//   node pin-app.mjs <repo root> <app root>
//
// - seeds the app's yarn.lock with the repo's (yarn keeps the entries the app still uses);
// - root `resolutions`: every @backstage/* package at the version the repo's yarn.lock resolved,
//   else the version the template names; plus the repo's own root resolutions (workarounds for
//   the partial npm mirror: @swc/core, rollup, unrs-resolver, @yarnpkg/core);
// - the repo's `dependenciesMeta` (keytar and cpu-features are not built).
/* eslint-disable no-console */
import {
  readFileSync,
  writeFileSync,
  copyFileSync,
  readdirSync,
} from 'node:fs';
import { join } from 'node:path';

const [repo, app] = process.argv.slice(2);
if (!repo || !app) {
  console.error('usage: pin-app.mjs <repo root> <app root>');
  process.exit(2);
}

const readJson = file => JSON.parse(readFileSync(file, 'utf8'));

/** The one version of each @backstage/* package in a yarn.lock, or none if it has several. */
function backstageVersionsInLock(lockText) {
  const versions = new Map();
  for (const block of lockText.split(/\n\n/)) {
    const header = block.split('\n')[0];
    const version = /\n {2}version: (.+)/.exec(block)?.[1];
    if (!version) continue;
    for (const [, name] of header.matchAll(/"?(@backstage\/[^@",]+)@npm:/g)) {
      if (!versions.has(name)) versions.set(name, new Set());
      versions.get(name).add(version);
    }
  }
  const single = new Map();
  for (const [name, set] of versions) {
    if (set.size === 1) single.set(name, [...set][0]);
  }
  return single;
}

/** The @backstage/* versions the template's package.json files name (without ^ or ~). */
function backstageVersionsInTemplate() {
  const found = new Map();
  const files = [join(app, 'package.json')];
  for (const dir of ['packages', 'plugins']) {
    try {
      for (const name of readdirSync(join(app, dir))) {
        files.push(join(app, dir, name, 'package.json'));
      }
    } catch {
      // a template without that folder
    }
  }
  for (const file of files) {
    let pkg;
    try {
      pkg = readJson(file);
    } catch {
      continue;
    }
    for (const deps of [pkg.dependencies, pkg.devDependencies]) {
      for (const [name, range] of Object.entries(deps ?? {})) {
        const exact = /^[\^~]?(\d+\.\d+\.\d+.*)$/.exec(range)?.[1];
        if (name.startsWith('@backstage/') && exact) found.set(name, exact);
      }
    }
  }
  return found;
}

const repoPkg = readJson(join(repo, 'package.json'));
const lockText = readFileSync(join(repo, 'yarn.lock'), 'utf8');
const pinned = new Map([
  ...backstageVersionsInTemplate(),
  ...backstageVersionsInLock(lockText),
]);

const appPkgFile = join(app, 'package.json');
const appPkg = readJson(appPkgFile);
appPkg.resolutions = {
  ...appPkg.resolutions,
  ...Object.fromEntries([...pinned].sort(([a], [b]) => a.localeCompare(b))),
  ...repoPkg.resolutions,
};
appPkg.dependenciesMeta = {
  ...appPkg.dependenciesMeta,
  ...repoPkg.dependenciesMeta,
};
writeFileSync(appPkgFile, `${JSON.stringify(appPkg, null, 2)}\n`);
copyFileSync(join(repo, 'yarn.lock'), join(app, 'yarn.lock'));
console.log(`pinned ${pinned.size} @backstage/* packages`);
