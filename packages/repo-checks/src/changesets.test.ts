import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  findLastRelease,
  findMissingChangesets,
  formatMissingChangesets,
  isReleasedPath,
  parseChangesetPackages,
} from './changesets';

// A throwaway repository shaped like this one: a root with workspaces, a published plugin, a
// second published plugin and a private app.
let root: string;

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
    },
  });
}

function write(file: string, content: string) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), content);
}

function remove(file: string) {
  fs.rmSync(path.join(root, file));
}

function writePackage(dir: string, fields: Record<string, unknown>) {
  write(`${dir}/package.json`, `${JSON.stringify(fields, null, 2)}\n`);
}

function commit(message: string): string {
  git('add', '-A');
  git('commit', '-q', '-m', message);
  return git('rev-parse', 'HEAD').trim();
}

function changeset(name: string, packages: Record<string, string>) {
  const lines = Object.entries(packages).map(([p, bump]) => `'${p}': ${bump}`);
  write(
    `.changeset/${name}.md`,
    `---\n${lines.join('\n')}\n---\n\nA change.\n`,
  );
}

async function missingNames() {
  return (await findMissingChangesets(root)).map(m => m.pkg.name);
}

function useTempRepo() {
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'changesets-check-'));
    git('init', '-q');
    writePackage('.', {
      name: 'root',
      private: true,
      workspaces: ['packages/*', 'plugins/*'],
    });
    writePackage('plugins/alpha', { name: '@acme/alpha', version: '0.1.0' });
    write('plugins/alpha/src/index.ts', 'export const a = 1;\n');
    write('plugins/alpha/catalog-info.yaml', 'kind: Component\n');
    writePackage('plugins/beta', { name: '@acme/beta', version: '0.1.0' });
    write('plugins/beta/src/index.ts', 'export const b = 1;\n');
    writePackage('packages/app', {
      name: 'app',
      version: '0.0.0',
      private: true,
    });
    write('packages/app/src/index.ts', 'export {};\n');
    write('.changeset/README.md', '# Changesets\n');
    commit('initial');
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });
}

describe('findMissingChangesets', () => {
  useTempRepo();

  it('asks for a changeset for every published package never released, and none for private ones', async () => {
    const missing = await findMissingChangesets(root);
    expect(missing.map(m => m.pkg.name)).toEqual(['@acme/alpha', '@acme/beta']);
    expect(missing[0]).toMatchObject({
      pkg: { dir: 'plugins/alpha', version: '0.1.0' },
      lastRelease: undefined,
      files: ['catalog-info.yaml', 'package.json', 'src/index.ts'],
    });
  });

  it('is satisfied by a pending changeset naming the package, and only that package', async () => {
    changeset('first-alpha', { '@acme/alpha': 'minor' });
    expect(await missingNames()).toEqual(['@acme/beta']);

    changeset('first-beta', { '@acme/beta': 'patch' });
    expect(await missingNames()).toEqual([]);
  });

  it('counts only what changed since the last commit that changed the version', async () => {
    changeset('first', { '@acme/alpha': 'minor', '@acme/beta': 'minor' });
    commit('changes');
    // What `changeset version` does: bump the versions, consume the changesets.
    writePackage('plugins/alpha', { name: '@acme/alpha', version: '0.2.0' });
    writePackage('plugins/beta', { name: '@acme/beta', version: '0.2.0' });
    remove('.changeset/first.md');
    const release = commit('Version packages');
    expect(await findLastRelease(root, 'plugins/alpha')).toBe(release);
    expect(await missingNames()).toEqual([]);

    write('plugins/alpha/src/index.ts', 'export const a = 2;\n');
    commit('alpha: a is 2');
    const missing = await findMissingChangesets(root);
    expect(missing).toEqual([
      {
        pkg: { name: '@acme/alpha', dir: 'plugins/alpha', version: '0.2.0' },
        lastRelease: release,
        files: ['src/index.ts'],
      },
    ]);
  });

  it('does not take the commit that adds a package, or one that edits other fields, as a release', async () => {
    writePackage('plugins/alpha', {
      name: '@acme/alpha',
      version: '0.1.0',
      description: 'now described',
    });
    commit('describe alpha');
    expect(await findLastRelease(root, 'plugins/alpha')).toBeUndefined();
    expect(await missingNames()).toContain('@acme/alpha');
  });

  it('counts uncommitted, untracked and deleted files', async () => {
    writePackage('plugins/alpha', { name: '@acme/alpha', version: '0.2.0' });
    writePackage('plugins/beta', { name: '@acme/beta', version: '0.2.0' });
    commit('release');

    write('plugins/alpha/src/new.ts', 'export const n = 1;\n');
    remove('plugins/beta/src/index.ts');
    const missing = await findMissingChangesets(root);
    expect(missing.map(m => [m.pkg.name, m.files])).toEqual([
      ['@acme/alpha', ['src/new.ts']],
      ['@acme/beta', ['src/index.ts']],
    ]);
  });

  it('ignores tests, test utilities, dev/, API reports and the changelog, like Backstage', async () => {
    writePackage('plugins/alpha', { name: '@acme/alpha', version: '0.2.0' });
    writePackage('plugins/beta', { name: '@acme/beta', version: '0.2.0' });
    commit('release');

    write('plugins/alpha/src/index.test.ts', 'it.todo("x");\n');
    write('plugins/alpha/src/Card.test.tsx', 'it.todo("x");\n');
    write('plugins/alpha/src/__testUtils__/fixtures.ts', 'export {};\n');
    write('plugins/alpha/dev/index.tsx', 'export {};\n');
    write('plugins/alpha/report.api.md', '# report\n');
    write('plugins/alpha/report-alpha.api.md', '# report\n');
    write('plugins/alpha/CHANGELOG.md', '# changes\n');
    write('packages/app/src/index.ts', 'export const changed = true;\n');
    commit('tests and tooling only');
    expect(await missingNames()).toEqual([]);

    // Backstage counts catalog-info.yaml, so it does too.
    write('plugins/alpha/catalog-info.yaml', 'kind: Component\nspec: {}\n');
    expect(await missingNames()).toEqual(['@acme/alpha']);
  });

  it('takes a package whose version differs from HEAD as being released now', async () => {
    writePackage('plugins/alpha', { name: '@acme/alpha', version: '0.2.0' });
    expect(await missingNames()).toEqual(['@acme/beta']);
  });
});

describe('parseChangesetPackages', () => {
  it('reads single-quoted, double-quoted and bare names', () => {
    expect(
      parseChangesetPackages(
        '---\n\'@acme/a\': patch\n"@acme/b": minor\nc: major\n---\n\nText: with a colon\n',
        'x.md',
      ),
    ).toEqual(['@acme/a', '@acme/b', 'c']);
  });

  it('reads an empty changeset as naming nothing', () => {
    expect(parseChangesetPackages('---\n---\n\nNothing.\n', 'x.md')).toEqual(
      [],
    );
  });

  it('refuses a file without front matter or with an unknown bump', () => {
    expect(() => parseChangesetPackages('Just text\n', 'x.md')).toThrow(
      'x.md: no front matter',
    );
    expect(() =>
      parseChangesetPackages("---\n'@acme/a': huge\n---\n", 'x.md'),
    ).toThrow('x.md: unreadable front matter line');
  });
});

describe('isReleasedPath', () => {
  it.each([
    ['src/index.ts', true],
    ['src/components/Card/Card.tsx', true],
    ['migrations/20260101_init.js', true],
    ['config.d.ts', true],
    ['README.md', true],
    ['catalog-info.yaml', true],
    ['src/index.test.ts', false],
    ['src/components/Card/Card.test.tsx', false],
    ['src/setupTests.ts', false],
    ['src/__testUtils__/db.ts', false],
    ['src/__mocks__/api.ts', false],
    ['src/Card.stories.tsx', false],
    ['dev/index.tsx', false],
    ['report.api.md', false],
    ['report-alpha.api.md', false],
    ['CHANGELOG.md', false],
    ['.eslintrc.js', false],
    ['docs/report.api.md', true],
  ])('%s → %s', (file, expected) => {
    expect(isReleasedPath(file)).toBe(expected);
  });
});

describe('formatMissingChangesets', () => {
  useTempRepo();

  it('names each package, a few of its files, and how to add a changeset', async () => {
    for (let i = 0; i < 7; i++) {
      write(`plugins/beta/src/file${i}.ts`, 'export {};\n');
    }
    changeset('alpha', { '@acme/alpha': 'patch' });
    const message = formatMissingChangesets(await findMissingChangesets(root));
    expect(message).toContain(
      '@acme/beta (plugins/beta) has never been released; its files:',
    );
    expect(message).toContain('    package.json');
    expect(message).toContain('... and 4 more');
    expect(message).not.toContain('@acme/alpha');
    expect(message).toContain('yarn changeset');
  });

  it('names the release the changes are counted from', () => {
    const message = formatMissingChangesets([
      {
        pkg: { name: '@acme/alpha', dir: 'plugins/alpha', version: '0.2.0' },
        lastRelease: '0123456789abcdef0123456789abcdef01234567',
        files: ['src/index.ts'],
      },
    ]);
    expect(message).toContain(
      '@acme/alpha (plugins/alpha) changed since its last release (0.2.0, commit 0123456789ab):',
    );
  });
});
