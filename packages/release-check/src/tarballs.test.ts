import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import {
  distPackagesDir,
  ensurePacked,
  importedSpecifiers,
  listFiles,
  packageOfSpecifier,
  readPublishablePackages,
  repoRoot,
  unpackAll,
} from './__testUtils__/packedPackages';

const FRONTEND = '@firebreak/backstage-plugin';
const BACKEND = '@firebreak/backstage-plugin-backend';
const COMMON = '@firebreak/backstage-plugin-common';
const NODE = '@firebreak/backstage-plugin-node';
const GITHUB_TICKETS =
  '@firebreak/backstage-plugin-backend-module-github-tickets';
/** The plugin's own packages, which list each other in `backstage.pluginPackages`. */
const PLUGIN_PACKAGES = [FRONTEND, BACKEND, COMMON, NODE];
/** Modules name the plugin package they extend in `backstage.pluginPackage`. */
const MODULES = [GITHUB_TICKETS];
const ALL = [...PLUGIN_PACKAGES, ...MODULES];

/** Files each tarball must hold besides package.json and README.md. */
const expectedFiles: Record<string, string[]> = {
  [FRONTEND]: [
    'dist/index.esm.js',
    'dist/index.d.ts',
    'dist/alpha.esm.js',
    'dist/alpha.d.ts',
  ],
  [BACKEND]: ['dist/index.cjs.js', 'dist/index.d.ts', 'config.schema.json'],
  [COMMON]: ['dist/index.cjs.js', 'dist/index.esm.js', 'dist/index.d.ts'],
  [NODE]: ['dist/index.cjs.js', 'dist/index.d.ts'],
  [GITHUB_TICKETS]: [
    'dist/index.cjs.js',
    'dist/index.d.ts',
    'config.schema.json',
  ],
};

/** Imports each package's built files surely have: the import scan must find them. */
const surelyImported: Record<string, string[]> = {
  [FRONTEND]: ['react', '@backstage/frontend-plugin-api', COMMON],
  [BACKEND]: ['@backstage/backend-plugin-api', 'express', COMMON, NODE],
  [COMMON]: ['luxon'],
  [NODE]: ['@backstage/backend-plugin-api'],
  [GITHUB_TICKETS]: [
    '@backstage/backend-plugin-api',
    '@backstage/integration',
    '@octokit/rest',
    NODE,
  ],
};

/** Each package's role as its workspace package.json declares it. */
const expectedRoles: Record<string, string> = {
  [FRONTEND]: 'frontend-plugin',
  [BACKEND]: 'backend-plugin',
  [COMMON]: 'common-library',
  [NODE]: 'node-library',
  [GITHUB_TICKETS]: 'backend-plugin-module',
};

/**
 * Modules a type bundle may name without declaring them: api-extractor writes out types
 * inferred through a dependency. `@backstage/filter-predicates` comes in through the
 * blueprints of `@backstage/plugin-catalog-react/alpha` (which depends on it); Backstage's own
 * `@backstage/plugin-catalog` alpha.d.ts names it the same way without declaring it.
 */
const typeOnlyTransitive = new Set(['@backstage/filter-predicates']);

const DEPENDENCY_FIELDS = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
] as const;

const builtins = new Set(builtinModules);

describe('packed release tarballs', () => {
  const packages = readPublishablePackages();
  const packedVersions = new Map(packages.map(p => [p.name, p.version]));
  let unpackRoot: string;
  let unpacked: Map<string, string>;

  const dirOf = (name: string) => unpacked.get(name)!;
  const manifestOf = (name: string) =>
    JSON.parse(fs.readFileSync(path.join(dirOf(name), 'package.json'), 'utf8'));
  const filesOf = (name: string) => listFiles(dirOf(name));

  // Packing builds every package after a type check: minutes on two CPUs.
  beforeAll(() => {
    ensurePacked(packages);
    unpackRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'firebreak-packed-'));
    unpacked = unpackAll(packages, unpackRoot);
  }, 15 * 60_000);

  afterAll(() => {
    if (unpackRoot) {
      fs.rmSync(unpackRoot, { recursive: true, force: true });
    }
  });

  it('packs exactly the publishable packages into dist-packages/', () => {
    expect(packages.map(p => p.name).sort()).toEqual([...ALL].sort());
    // release:pack empties the folder first: nothing else, no tarball of an older version.
    expect(fs.readdirSync(distPackagesDir).sort()).toEqual(
      packages.map(p => path.basename(p.tarball)).sort(),
    );
  });

  describe.each(ALL)('%s', name => {
    const workspace = () => packages.find(p => p.name === name)!;
    const workspaceManifest = () =>
      JSON.parse(
        fs.readFileSync(
          path.join(repoRoot, workspace().dir, 'package.json'),
          'utf8',
        ),
      );

    it('holds its built entry points, type bundles and README, and no sources', () => {
      const files = filesOf(name);
      expect(files).toEqual(
        expect.arrayContaining([
          'package.json',
          'README.md',
          ...expectedFiles[name],
        ]),
      );
      expect(files.filter(f => /^src\//.test(f))).toEqual([]);
      expect(files.filter(f => /\.test\.|__testUtils__/.test(f))).toEqual([]);
      expect(files).not.toContain('package.json-prepack');
    });

    it('declares main, module and types that exist inside the tarball', () => {
      const manifest = manifestOf(name);
      expect(manifest.main).toMatch(/^(\.\/)?dist\//);
      expect(manifest.types).toMatch(/^(\.\/)?dist\/.*\.d\.ts$/);
      const broken = ['main', 'module', 'types'].filter(
        field =>
          manifest[field] !== undefined &&
          !resolvesInside(dirOf(name), manifest[field]),
      );
      expect(broken).toEqual([]);
      // Bundlers look for `module`: it must name the ESM build wherever there is one.
      const hasEsm = filesOf(name).includes('dist/index.esm.js');
      expect(manifest.module?.replace(/^\.\//, '')).toBe(
        hasEsm ? 'dist/index.esm.js' : undefined,
      );
    });

    it('points every exports and typesVersions target at a file inside the tarball', () => {
      const manifest = manifestOf(name);
      const targets = [
        ...exportTargets(manifest.exports),
        ...Object.values<string[]>(manifest.typesVersions?.['*'] ?? {}).flat(),
      ];
      const missing = targets.filter(t => !resolvesInside(dirOf(name), t));
      expect(missing).toEqual([]);
    });

    it('has no workspace: ranges, and its @firebreak dependencies name the versions packed with it', () => {
      const manifest = manifestOf(name);
      const ranges = DEPENDENCY_FIELDS.flatMap(field =>
        Object.entries<string>(manifest[field] ?? {}).map(([dep, range]) => ({
          field,
          dep,
          range,
        })),
      );
      expect(
        ranges.filter(({ range }) => range.includes('workspace:')),
      ).toEqual([]);
      const internalRanges = ranges.filter(({ dep }) =>
        dep.startsWith('@firebreak/'),
      );
      expect(internalRanges).toEqual(
        internalRanges.map(({ field, dep }) => ({
          field,
          dep,
          range: `^${
            packedVersions.get(dep) ?? 'a version that was not packed'
          }`,
        })),
      );
      // The workspace declares them with workspace: ranges: packing must have replaced them.
      const internal = Object.keys(
        workspaceManifest().dependencies ?? {},
      ).filter(dep => dep.startsWith('@firebreak/'));
      expect(Object.keys(manifest.dependencies ?? {})).toEqual(
        expect.arrayContaining(internal),
      );
    });

    it('carries the publish metadata of a Backstage plugin package', () => {
      const manifest = manifestOf(name);
      expect(manifest.name).toBe(name);
      expect(manifest.version).toBe(workspace().version);
      expect(manifest.private).toBeUndefined();
      expect(manifest.description).toEqual(expect.any(String));
      expect(manifest.description.length).toBeGreaterThan(10);
      expect(manifest.license).toBe('Apache-2.0');
      expect(manifest.repository).toEqual({
        type: 'git',
        url: expect.stringMatching(/^https:\/\/github\.com\/[^/]+\/[^/]+$/),
        directory: workspace().dir,
      });
      expect(manifest.homepage).toMatch(/^https:\/\//);
      expect(manifest.bugs?.url).toMatch(/^https:\/\/.*\/issues$/);
      expect(manifest.keywords).toContain('backstage');
      expect(manifest.files?.length).toBeGreaterThan(0);
      expect(manifest.publishConfig?.access).toBe('public');
      expect(manifest.backstage).toMatchObject(
        MODULES.includes(name)
          ? {
              role: expectedRoles[name],
              pluginId: 'firebreak',
              pluginPackage: BACKEND,
            }
          : {
              role: expectedRoles[name],
              pluginId: 'firebreak',
              pluginPackages: [...PLUGIN_PACKAGES].sort(),
            },
      );
    });

    it('imports at run time only what it declares, and only files it holds', () => {
      const manifest = manifestOf(name);
      const declared = new Set([
        ...Object.keys(manifest.dependencies ?? {}),
        ...Object.keys(manifest.peerDependencies ?? {}),
      ]);
      const undeclared: string[] = [];
      const brokenRelative: string[] = [];
      const seen = new Set<string>();
      for (const file of filesOf(name).filter(f =>
        /^dist\/.*\.(js|d\.ts)$/.test(f),
      )) {
        const source = fs.readFileSync(path.join(dirOf(name), file), 'utf8');
        for (const spec of importedSpecifiers(source)) {
          if (spec.startsWith('.')) {
            if (!resolvesRelative(dirOf(name), file, spec)) {
              brokenRelative.push(`${file} → ${spec}`);
            }
            continue;
          }
          const dep = packageOfSpecifier(spec);
          seen.add(dep);
          if (builtins.has(dep) || spec.startsWith('node:')) {
            continue;
          }
          if (file.endsWith('.d.ts') && typeOnlyTransitive.has(dep)) {
            continue;
          }
          if (!declared.has(dep)) {
            undeclared.push(`${file} → ${spec}`);
          }
        }
      }
      // The scan must see the imports every package surely has, or it proves nothing.
      expect([...seen]).toEqual(expect.arrayContaining(surelyImported[name]));
      expect(undeclared).toEqual([]);
      expect(brokenRelative).toEqual([]);
    });

    it('resolves for TypeScript the way an app resolves it (bundler and node10)', () => {
      const subpaths = name === FRONTEND ? ['', '/alpha'] : [''];
      const consumer = path.join(unpackRoot, 'consumer.ts');
      for (const moduleResolution of [
        ts.ModuleResolutionKind.Bundler,
        ts.ModuleResolutionKind.Node10,
      ]) {
        for (const subpath of subpaths) {
          const { resolvedModule } = ts.resolveModuleName(
            `${name}${subpath}`,
            consumer,
            {
              moduleResolution,
              module: ts.ModuleKind.ESNext,
              noEmit: true,
            },
            ts.sys,
          );
          const expected = path.join(
            dirOf(name),
            'dist',
            `${subpath ? subpath.slice(1) : 'index'}.d.ts`,
          );
          expect({ subpath, file: resolvedModule?.resolvedFileName }).toEqual({
            subpath,
            file: fs.realpathSync(expected),
          });
        }
      }
    });
  });

  it("exposes the frontend's ./alpha entry point (new frontend system) from dist", () => {
    const manifest = manifestOf(FRONTEND);
    expect(Object.keys(manifest.exports)).toEqual(
      expect.arrayContaining(['.', './alpha', './package.json']),
    );
    expect(manifest.exports['./alpha']).toMatchObject({
      import: './dist/alpha.esm.js',
      types: './dist/alpha.d.ts',
    });
    expect(manifest.typesVersions['*'].alpha).toEqual(['dist/alpha.d.ts']);
  });

  it('has every migration and the config schema in the backend tarball, where resolvePackagePath looks', () => {
    const source = listFiles(
      path.join(repoRoot, 'plugins/firebreak-backend/migrations'),
    ).filter(f => f.endsWith('.js'));
    expect(source.length).toBeGreaterThan(0);
    const packed = filesOf(BACKEND)
      .filter(f => f.startsWith('migrations/'))
      .map(f => f.slice('migrations/'.length));
    expect(packed).toEqual(source);

    // The config.d.ts of the workspace is compiled into this JSON schema by prepack, as
    // Backstage's own plugins ship theirs; the app's config loader reads it from configSchema.
    const manifest = manifestOf(BACKEND);
    expect(manifest.configSchema).toBe('config.schema.json');
    expect(manifest.files).toContain('config.schema.json');
    const schema = JSON.parse(
      fs.readFileSync(path.join(dirOf(BACKEND), manifest.configSchema), 'utf8'),
    );
    expect(schema.properties.firebreak.type).toBe('object');
  });

  it("has the GitHub tickets module's config schema, compiled from its config.d.ts", () => {
    const manifest = manifestOf(GITHUB_TICKETS);
    expect(manifest.configSchema).toBe('config.schema.json');
    const schema = JSON.parse(
      fs.readFileSync(
        path.join(dirOf(GITHUB_TICKETS), manifest.configSchema),
        'utf8',
      ),
    );
    expect(
      schema.properties.firebreak.properties.githubTickets.properties.labels
        .type,
    ).toBe('array');
  });

  it('loads in plain Node from node_modules the way an installed backend does', () => {
    // A child Node, not jest's resolver and transforms: the packed packages sit in
    // <tmp>/node_modules, their third-party dependencies come from the repository's
    // node_modules through NODE_PATH (used only once the nearer node_modules miss).
    const script = `
      const path = require('node:path');
      const out = {};
      for (const name of ${JSON.stringify([
        BACKEND,
        COMMON,
        NODE,
        GITHUB_TICKETS,
      ])}) {
        out[name] = { main: require.resolve(name) };
      }
      const backendPkg = require.resolve('${BACKEND}/package.json');
      const migrations = path.resolve(backendPkg, '..', 'migrations');
      out.migrations = require('node:fs').readdirSync(migrations)
        .filter(f => f.endsWith('.js'))
        .map(f => {
          const m = require(path.join(migrations, f));
          return [f, typeof m.up, typeof m.down];
        });
      out.backendFeature = require('${BACKEND}').default.$$type;
      out.moduleFeature = require('${GITHUB_TICKETS}').default.$$type;
      out.common = Object.keys(require('${COMMON}')).length;
      out.node = Object.keys(require('${NODE}')).length;
      process.stdout.write(JSON.stringify(out));
    `;
    const result = spawnSync(process.execPath, ['-e', script], {
      cwd: unpackRoot,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        NODE_PATH: path.join(repoRoot, 'node_modules'),
      },
      timeout: 120_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout);
    for (const name of [BACKEND, COMMON, NODE, GITHUB_TICKETS]) {
      expect(out[name].main).toBe(
        path.join(
          fs.realpathSync(dirOf(name)),
          manifestOf(name).main.replace(/^\.\//, ''),
        ),
      );
    }
    expect(out.migrations.length).toBeGreaterThan(0);
    for (const [file, up, down] of out.migrations) {
      expect({ file, up, down }).toEqual({
        file,
        up: 'function',
        down: 'function',
      });
    }
    expect(out.backendFeature).toBe('@backstage/BackendFeature');
    expect(out.moduleFeature).toBe('@backstage/BackendFeature');
    expect(out.common).toBeGreaterThan(0);
    expect(out.node).toBeGreaterThan(0);
  });

  it("resolves the frontend's ESM entry points with Node's own resolver", () => {
    const script = `
      const out = {};
      for (const spec of ['${FRONTEND}', '${FRONTEND}/alpha']) {
        out[spec] = new URL(import.meta.resolve(spec)).pathname;
      }
      process.stdout.write(JSON.stringify(out));
    `;
    const result = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', script],
      {
        cwd: unpackRoot,
        encoding: 'utf8',
        env: { PATH: process.env.PATH },
        timeout: 60_000,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const frontend = fs.realpathSync(dirOf(FRONTEND));
    expect(JSON.parse(result.stdout)).toEqual({
      [FRONTEND]: path.join(frontend, 'dist/index.esm.js'),
      [`${FRONTEND}/alpha`]: path.join(frontend, 'dist/alpha.esm.js'),
    });
  });
});

/** Every file path an exports map names; the `backstage` condition names a feature type. */
function exportTargets(exp: unknown): string[] {
  if (typeof exp === 'string') {
    return [exp];
  }
  if (!exp || typeof exp !== 'object') {
    return [];
  }
  return Object.entries(exp).flatMap(([key, value]) =>
    key === 'backstage' ? [] : exportTargets(value),
  );
}

/** True if target names an existing file within dir (not outside it through `..`). */
function resolvesInside(dir: string, target: string): boolean {
  const resolved = path.resolve(dir, target);
  const relative = path.relative(dir, resolved);
  return (
    !relative.startsWith('..') &&
    !path.isAbsolute(relative) &&
    fs.existsSync(resolved) &&
    fs.statSync(resolved).isFile()
  );
}

function resolvesRelative(dir: string, file: string, spec: string): boolean {
  const base = path.join(path.dirname(file), spec);
  return ['', '.js', '.d.ts', '/index.js', '/index.d.ts'].some(ext =>
    resolvesInside(dir, base + ext),
  );
}
