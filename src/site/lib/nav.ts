/**
 * The site's navigation tree, built the way Sphinx builds its sidebar: from
 * the toctrees, each document under the first toctree that lists it
 * (shallower documents claim first). Documents no toctree lists hang in
 * their folder: under the folder's `index` document when it has one, else
 * under a node named after the folder, so every document is in the tree
 * exactly once. Pure: the same documents give the same tree.
 */

/** What the tree is built from: one version of each document. */
export interface NavDocument {
  document: string
  /** Path in the kernel tree (`Documentation/mm/highmem.rst`). */
  path: string
  title: string
  /** The documents its toctrees list, in order. */
  toctree: readonly string[]
}

/** A node of the tree: a document, or a folder that has no index document. */
export interface NavNode {
  label: string
  /** The document this node is; absent for a folder. */
  document?: string
  children: NavNode[]
}

interface Folder {
  name: string
  index?: string
  files: string[]
  folders: Map<string, Folder>
}

const byName = (a: string, b: string) => {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()]
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0
}

/** The folders of the documents, below the deepest folder they all share. */
function folderTree(documents: readonly NavDocument[]): Folder {
  const dirs = documents.map((each) => each.path.split('/').slice(0, -1))
  let shared = dirs[0]?.length ?? 0
  for (const dir of dirs) while (shared > 0 && dir.slice(0, shared).join('/') !== dirs[0].slice(0, shared).join('/')) shared--
  const root: Folder = { name: '', files: [], folders: new Map() }
  documents.forEach((each, at) => {
    let folder = root
    for (const name of dirs[at].slice(shared)) {
      let next = folder.folders.get(name)
      if (!next) folder.folders.set(name, (next = { name, files: [], folders: new Map() }))
      folder = next
    }
    const file = each.path.split('/').at(-1)!
    if (/^index\.rst$/.test(file) && folder.index === undefined) folder.index = each.document
    else folder.files.push(each.document)
  })
  return root
}

/**
 * Build the tree.
 *
 * @param documents
 *   One version of every document of the site.
 * @returns
 *   The top-level nodes.
 */
export function buildNavTree(documents: readonly NavDocument[]): NavNode[] {
  const known = new Map(documents.map((each) => [each.document, each]))
  const root = folderTree(documents)
  const folderOf = new Map<string, Folder>()
  const visitFolders = (folder: Folder) => {
    if (folder.index) folderOf.set(folder.index, folder)
    for (const child of folder.folders.values()) visitFolders(child)
  }
  visitFolders(root)
  // Shallower documents claim first, then path order: about Sphinx's walk from the root.
  const claimOrder = [...documents].sort((a, b) => a.path.split('/').length - b.path.split('/').length || byName(a.path, b.path))
  const pathOf = (id: string) => known.get(id)!.path

  const build = (listed: ReadonlySet<string>) => {
    const placed = new Set<string>()
    const documentNode = (id: string): NavNode => {
      placed.add(id)
      const node: NavNode = { label: known.get(id)!.title, document: id, children: [] }
      for (const child of known.get(id)!.toctree) if (known.has(child) && !placed.has(child)) node.children.push(documentNode(child))
      const folder = folderOf.get(id)
      if (folder) node.children.push(...folderItems(folder))
      return node
    }
    const folderItems = (folder: Folder): NavNode[] => {
      const items: Array<{ key: string; make: () => NavNode | undefined }> = []
      for (const sub of folder.folders.values()) {
        items.push({
          key: sub.name,
          make: () => {
            if (sub.index !== undefined) return listed.has(sub.index) || placed.has(sub.index) ? undefined : documentNode(sub.index)
            const children = folderItems(sub)
            return children.length > 0 ? { label: sub.name, children } : undefined
          },
        })
      }
      for (const file of folder.files) {
        items.push({ key: pathOf(file).split('/').at(-1)!, make: () => (listed.has(file) || placed.has(file) ? undefined : documentNode(file)) })
      }
      return items.sort((a, b) => byName(a.key, b.key)).flatMap((item) => item.make() ?? [])
    }
    const top = root.index !== undefined ? [documentNode(root.index)] : folderItems(root)
    return { top, placed }
  }

  const claimed = (from: Iterable<NavDocument>) => {
    const listed = new Set<string>()
    for (const each of from) for (const child of each.toctree) if (child !== each.document) listed.add(child)
    return listed
  }
  let { top, placed } = build(claimed(claimOrder))
  if (placed.size < documents.length) {
    // Listed only by documents nothing reaches (toctrees in a cycle): only
    // listings from reached documents count, so the rest hang in their folders.
    ;({ top, placed } = build(claimed(claimOrder.filter((each) => placed.has(each.document)))))
  }
  for (const each of claimOrder) if (!placed.has(each.document)) top.push({ label: each.title, document: each.document, children: [] })
  return top
}

/** A tree with what pages ask of it, computed in one walk. */
export interface NavIndex {
  tree: NavNode[]
  /** Every document in reading order (depth first): what previous and next follow. */
  order: string[]
  /** A document's place in `order`. */
  position: Map<string, number>
  /** The nodes from the top down to a document's parent (breadcrumbs). */
  ancestors: Map<string, NavNode[]>
}

/**
 * Index a tree for pages.
 *
 * @param tree
 *   The top-level nodes.
 * @returns
 *   The tree with its reading order and each document's ancestors.
 */
export function indexNavTree(tree: NavNode[]): NavIndex {
  const order: string[] = []
  const ancestors = new Map<string, NavNode[]>()
  const walk = (node: NavNode, above: NavNode[]) => {
    if (node.document !== undefined) {
      ancestors.set(node.document, above)
      order.push(node.document)
    }
    const path = [...above, node]
    for (const child of node.children) walk(child, path)
  }
  for (const node of tree) walk(node, [])
  return { tree, order, position: new Map(order.map((document, at) => [document, at])), ancestors }
}
