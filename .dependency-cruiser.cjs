// The house's one direction of imports (ARCHITECTURE.md): each layer may
// import only the layers below it. `npm test` runs this through
// `npm run check:layout`. dependency-cruiser reads TypeScript and JavaScript,
// not the frontmatter of .astro files: the views are the top of the graph, and
// what they import is checked by tsc and knip.
const layers = [
  ['schema', '^src/schema/'],
  // The walk below a root that follows no symbolic link: the parser's
  // `include` and the patch applier must refuse a link alike, so the walk sits
  // below the plugins (which may not reach src/lib, the site's helpers) and
  // imports only node:fs and node:path.
  ['paths', '^src/paths/'],
  // unified plugins know the parser's types, the schema and their options:
  // not even the site's small helpers (its URLs come in as options).
  ['plugins', '^plugins/'],
  ['lib', '^src/lib/'],
  ['ingest', '^src/ingest/'],
  ['versions', '^src/versions/'],
  ['knowledge', '^src/knowledge/'],
  ['render', '^src/render/'],
  ['search', '^src/search/'],
  ['simulator', '^src/simulator/'],
  ['site', '^src/(site/|routes/|components/|layouts/|styles/|content\\.config\\.ts$)'],
  ['scripts', '^scripts/'],
]

// render, search and simulator are three products of the knowledge the site
// shows; they sit side by side and never import one another.
const siblings = new Set(['render', 'search', 'simulator'])

const forbidden = []
layers.forEach(([name, path], index) => {
  const above = layers.slice(index + 1).map(([, upper]) => upper)
  const beside = siblings.has(name) ? layers.filter(([other]) => other !== name && siblings.has(other)).map(([, p]) => p) : []
  const targets = [...above, ...beside]
  if (targets.length === 0) return
  forbidden.push({
    name: `${name}-imports-only-below`,
    comment: `${name} (${path}) may import only the layers below it; see ARCHITECTURE.md`,
    severity: 'error',
    from: { path },
    to: { path: targets.map((target) => `(${target})`).join('|') },
  })
})

forbidden.push(
  {
    // Modules inside one folder may recurse into each other (the parser's
    // block parsers do, by design); folders may not.
    name: 'no-folder-cycle',
    comment: 'two folders that import each other are one room; move what both need below both',
    severity: 'error',
    scope: 'folder',
    from: {},
    to: { circular: true },
  },
  {
    name: 'no-unresolvable',
    comment: 'every import names a file or package that exists (hast, mdast and unist are types only, from @types/*; astro: and virtual: modules exist only inside Vite)',
    severity: 'error',
    from: {},
    to: { couldNotResolve: true, pathNot: '^(hast|mdast|unist)$|^(astro|virtual):' },
  },
)

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|\\.astro|tests/fixtures)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.astro'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'node', 'default'],
    },
  },
}
