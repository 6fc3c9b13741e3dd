#!/usr/bin/env node
// Applies the install snippets of README.md's "Installing Firebreak into an existing Backstage"
// section to a freshly created app, exactly as written there, so the README is what gets tested.
//
//   node readme-snippets.mjs <README.md> <flavour> <app root>     apply them, print what was done
//   node readme-snippets.mjs <README.md> <flavour> --commands      print the install commands
//
// In that section, every code block a platform team applies is preceded by a comment naming the
// flavours it is for, the file, and where it goes:
//
//   <!-- verify-install: legacy,new packages/backend/src/index.ts before "backend.start();" -->
//   <!-- verify-install: legacy packages/app/src/App.tsx after '<Route path="/catalog" ' -->
//   <!-- verify-install: legacy packages/app/src/components/catalog/EntityPage.tsx
//        after "{entityWarningContent}" in "const overviewContent =", "const groupPage =" -->
//   <!-- verify-install: legacy,new run -->   (a `sh` block: commands run in the app's root)
//   <!-- verify-install: postgres app-config.postgres.yaml whole -->   (the block is the file)
//
// An anchor is text on one line of the target file; `in "..."` names the first lines of blocks to
// search in (the snippet goes in once per scope; a block ends at the next line indented no deeper
// than its first), otherwise the first match in the file counts. The snippet's
// import statements go to the top of the file (once); a leading `// path` comment is dropped;
// the rest is inserted before or after the anchor line, indented like it. A missing file or
// anchor is an error: the README no longer matches the app that create-app makes.
/* eslint-disable no-console */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SECTION = 'Installing Firebreak into an existing Backstage';

const [readmePath, flavour, target] = process.argv.slice(2);
if (!readmePath || !flavour || !target) {
  console.error(
    'usage: readme-snippets.mjs <README.md> <flavour> (<app root> | --commands)',
  );
  process.exit(2);
}

function fail(message) {
  console.error(`readme-snippets: ${message}`);
  process.exit(1);
}

/** The section's text: from its heading to the next heading of the same level. */
function installSection(markdown) {
  const lines = markdown.split('\n');
  const start = lines.findIndex(line => line === `## ${SECTION}`);
  if (start < 0) fail(`README.md has no "## ${SECTION}" section`);
  const end = lines.findIndex((line, i) => i > start && /^## /.test(line));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

/** Reads `"text"` or `'text'` (backslash escapes the quote) at the start of a string. */
function readQuoted(text) {
  const match = /^\s*(["'])((?:\\.|(?!\1).)*)\1/.exec(text);
  if (!match) return undefined;
  return {
    value: match[2].replace(/\\(.)/g, '$1'),
    rest: text.slice(match[0].length),
  };
}

function parseDirective(body) {
  const head = /^\s*(\S+)\s+(\S+)\s*/.exec(body);
  if (!head) fail(`cannot read the directive "${body}"`);
  const flavours = head[1].split(',');
  const file = head[2];
  let rest = body.slice(head[0].length).trim();
  if (file === 'run') return { flavours, run: true };
  if (rest === 'top' || rest === 'whole') {
    return { flavours, file, where: rest, scopes: [] };
  }
  const where = /^(after|before)\s+/.exec(rest);
  if (!where) fail(`"${body}": expected after "..." or before "..."`);
  const anchor = readQuoted(rest.slice(where[0].length));
  if (!anchor) fail(`"${body}": the anchor must be quoted`);
  rest = anchor.rest.trim();
  const scopes = [];
  if (rest.startsWith('in ')) {
    rest = rest.slice(3);
    for (;;) {
      const scope = readQuoted(rest);
      if (!scope) fail(`"${body}": a scope after "in" must be quoted`);
      scopes.push(scope.value);
      rest = scope.rest.trim();
      if (!rest.startsWith(',')) break;
      rest = rest.slice(1);
    }
  }
  if (rest) fail(`"${body}": cannot read "${rest}"`);
  return { flavours, file, where: where[1], anchor: anchor.value, scopes };
}

/** Each directive with the code block that follows it. */
function snippets(section) {
  const found = [];
  const pattern =
    /<!--\s*verify-install:([\s\S]*?)-->\s*\n(?:<!--\s*prettier-ignore\s*-->\s*\n)?```(\w*)\n([\s\S]*?)\n```/g;
  for (const match of section.matchAll(pattern)) {
    found.push({
      ...parseDirective(match[1].replace(/\s+/g, ' ')),
      code: match[3],
    });
  }
  const directives = section.match(/<!--\s*verify-install:/g)?.length ?? 0;
  if (directives !== found.length) {
    fail(
      `${directives} verify-install comments but ${found.length} are followed by a code block`,
    );
  }
  return found;
}

/** Splits a snippet into its import statements and the code to insert. */
function splitImports(code) {
  const lines = code.split('\n');
  const imports = [];
  let i = 0;
  for (;;) {
    while (i < lines.length && lines[i].trim() === '') i++;
    if (i < lines.length && /^\/\/ \S+\.(tsx?|jsx?)\b/.test(lines[i])) {
      i++; // the "// packages/app/src/App.tsx" line that tells people where it goes
      continue;
    }
    if (i >= lines.length || !/^import\b/.test(lines[i])) break;
    const start = i;
    while (i < lines.length && !/;\s*$/.test(lines[i])) i++;
    imports.push(lines.slice(start, i + 1).join('\n'));
    i++;
  }
  return { imports, body: lines.slice(i).join('\n').replace(/\s+$/, '') };
}

function indentOf(line) {
  return /^\s*/.exec(line)[0];
}

function apply(appRoot, snippet) {
  const path = join(appRoot, snippet.file);
  if (snippet.where === 'whole') {
    writeFileSync(path, `${snippet.code}\n`);
    console.log(
      `  ${snippet.file}: written (${snippet.code.split('\n').length} lines)`,
    );
    return;
  }
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    fail(`${snippet.file}: no such file in the created app`);
  }
  const { imports, body } = splitImports(snippet.code);
  let lines = text.split('\n');

  if (body && snippet.where !== 'top') {
    const positions = [];
    const describe = scope =>
      `"${snippet.anchor}"${scope === undefined ? '' : ` after "${scope}"`}`;
    for (const scope of snippet.scopes.length ? snippet.scopes : [undefined]) {
      let from = 0;
      let to = lines.length;
      if (scope !== undefined) {
        from = lines.findIndex(line => line.includes(scope));
        if (from < 0) fail(`${snippet.file}: no line has "${scope}"`);
        // The scope's block ends at the next line indented no deeper than its first.
        const depth = indentOf(lines[from]).length;
        const end = lines.findIndex(
          (line, i) =>
            i > from && line.trim() !== '' && indentOf(line).length <= depth,
        );
        if (end >= 0) to = end + 1;
      }
      const at = lines.findIndex(
        (line, i) => i >= from && i < to && line.includes(snippet.anchor),
      );
      if (at < 0) fail(`${snippet.file}: no line has ${describe(scope)}`);
      positions.push(at);
    }
    // Insert from the bottom up so earlier positions stay valid.
    for (const at of [...new Set(positions)].sort((a, b) => b - a)) {
      const indent = indentOf(lines[at]);
      const inserted = body
        .split('\n')
        .map(line => (line ? indent + line : line));
      const index = snippet.where === 'after' ? at + 1 : at;
      lines.splice(index, 0, ...inserted);
    }
    console.log(
      `  ${snippet.file}: ${body.split('\n').length} lines ${snippet.where} ${
        snippet.scopes.length
          ? snippet.scopes.map(describe).join(', ')
          : describe()
      }`,
    );
  } else if (body) {
    lines = [...body.split('\n'), ...lines];
    console.log(
      `  ${snippet.file}: ${body.split('\n').length} lines at the top`,
    );
  }

  const missing = imports.filter(statement => !text.includes(statement));
  if (missing.length) {
    lines = [...missing.join('\n').split('\n'), ...lines];
    console.log(`  ${snippet.file}: ${missing.length} import(s) at the top`);
  }
  writeFileSync(path, lines.join('\n'));
}

const section = installSection(readFileSync(readmePath, 'utf8'));
const mine = snippets(section).filter(s => s.flavours.includes(flavour));
if (!mine.length) fail(`no snippets for the flavour "${flavour}"`);

if (target === '--commands') {
  for (const snippet of mine.filter(s => s.run)) {
    console.log(snippet.code);
  }
} else {
  for (const snippet of mine.filter(s => !s.run)) apply(target, snippet);
}
