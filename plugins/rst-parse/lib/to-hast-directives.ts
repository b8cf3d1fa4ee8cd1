/**
 * hast handlers for admonitions and directives (see `to-hast.ts` for the
 * rest): every registered directive gets fitting HTML, unknown ones show their
 * source, configuration-only ones render nothing.
 */
import type { Element, ElementContent } from 'hast'
import type { Handler, State } from 'mdast-util-to-hast'
import { makeId } from './chars.ts'
import { all, done, h, text } from './to-hast-helpers.ts'
import type { Admonition, Directive } from './types.ts'

/** Titles of the admonitions (docutils' English labels). */
const titles: Record<string, string> = {
  note: 'Note', warning: 'Warning', attention: 'Attention', caution: 'Caution', danger: 'Danger',
  error: 'Error', hint: 'Hint', important: 'Important', tip: 'Tip', admonition: 'Note', seealso: 'See also',
}

/** Directives with no visible output (they configure later stages). */
const silent = new Set([
  'highlight', 'tabularcolumns', 'index', 'meta', 'default-role', 'default-domain', 'role', 'title',
  'c:namespace', 'c:namespace-push', 'c:namespace-pop', 'sectnum', 'section-numbering', 'spelling:word-list',
])

/** `<div class="admonition KIND">` with a title paragraph (the kind, or the generic admonition's title). */
export const admonition: Handler = (state, node: Admonition) => {
  const title = node.kind === 'admonition' && node.title ? node.title : titles[node.kind]
  const classes = node.kind === 'admonition' ? ['admonition', `admonition-${makeId(title) || 'generic'}`] : ['admonition', node.kind]
  return done(state, node, h('div', { className: classes }, [h('p', { className: ['admonition-title'] }, [text(title)]), ...all(state, node)]))
}

/** A heading line naming a directive, for directives shown as a box. */
function directiveBox(state: State, node: Directive, classes: string[], heading?: ElementContent[]): Element {
  const children: ElementContent[] = []
  if (heading) children.push(h('p', { className: ['directive-title'] }, heading))
  children.push(...all(state, node))
  return done(state, node, h('div', { className: ['directive', `directive-${makeId(node.name) || 'unknown'}`, ...classes] }, children))
}

/**
 * Directives: known ones get fitting HTML (kernel-doc → an `<aside>` naming
 * the file, C domain → a `<dl>` signature, image/figure, toctree, …); unknown
 * ones a `<div class="directive directive-NAME">` showing their source, so
 * nothing disappears; configuration-only ones render nothing.
 */
export const directive: Handler = (state, node: Directive) => {
  const name = node.name
  if (silent.has(name)) return undefined
  if (node.data?.unknown) {
    const head = `.. ${name}::${node.argument ? ' ' + node.argument : ''}`
    const body: ElementContent[] = [h('p', { className: ['directive-title'] }, [h('code', {}, [text(head)])])]
    const options = Object.entries(node.options)
    if (options.length > 0) body.push(h('pre', { className: ['directive-options'] }, [text(options.map(([k, v]) => `:${k}: ${v}`).join('\n'))]))
    if (node.value) body.push(h('pre', { className: ['directive-content'] }, [h('code', {}, [text(node.value)])]))
    return done(state, node, h('div', { className: ['directive', `directive-${makeId(name) || 'unknown'}`, 'directive-unknown'] }, body))
  }
  switch (name) {
    case 'kernel-doc': {
      const what = Object.entries(node.options).map(([k, v]) => (v ? `${k}: ${v}` : k)).join(', ')
      const children: ElementContent[] = [text('API documentation extracted from '), h('code', {}, [text(node.argument)])]
      if (what) children.push(text(` (${what})`))
      return done(state, node, h('aside', { className: ['kernel-doc'] }, [h('p', {}, children)]))
    }
    case 'literalinclude':
    case 'kernel-include':
    case 'include':
      if (node.children.length > 0) return all(state, node)
      return done(state, node, h('aside', { className: [name] }, [h('p', {}, [text(`Included from `), h('code', {}, [text(node.argument)])])]))
    case 'contents':
      return done(state, node, h('nav', { className: ['contents'] }, [h('p', { className: ['topic-title'] }, [text(node.argument || 'Contents')])]))
    case 'toctree': {
      const entries = node.value.split('\n').map((entry) => entry.trim()).filter(Boolean)
      const items = entries.map((entry) => {
        const match = /^(.*?)\s*<([^<>]+)>$/.exec(entry)
        const href = match ? match[2] : entry
        return h('li', {}, [h('a', { href }, [text(match ? match[1] : entry)])])
      })
      return done(state, node, h('nav', { className: ['toctree'] }, [h('ul', {}, items)]))
    }
    case 'image':
    case 'kernel-image': {
      const image = h('img', { src: node.argument, alt: node.options.alt ?? '' })
      // The resolved `:target:` (a name's target, or the URI with escapes taken).
      const href = node.data?.url ?? node.options.target
      return done(state, node, href ? h('a', { href }, [image]) : image)
    }
    case 'figure':
    case 'kernel-figure': {
      const [caption, ...legend] = all(state, node)
      const children: ElementContent[] = [h('img', { src: node.argument, alt: node.options.alt ?? '' })]
      if (caption) children.push(h('figcaption', {}, caption.type === 'element' && caption.tagName === 'p' ? caption.children : [caption]))
      children.push(...legend)
      return done(state, node, h('figure', {}, children))
    }
    case 'rubric':
      return done(state, node, h('p', { className: ['rubric'] }, [text(node.argument)]))
    case 'math':
      return done(state, node, h('div', { className: ['math'] }, [h('pre', {}, [text([node.argument, node.value].filter(Boolean).join('\n'))])]))
    case 'raw':
    case 'kernel-render':
      return done(state, node, h('pre', { className: [name] }, [h('code', {}, [text(node.value)])]))
    case 'topic':
    case 'sidebar':
      return done(state, node, h(name === 'topic' ? 'div' : 'aside', { className: [name] }, [h('p', { className: [`${name}-title`] }, [text(node.argument)]), ...all(state, node)]))
    case 'seealso':
      return done(state, node, h('div', { className: ['admonition', 'seealso'] }, [h('p', { className: ['admonition-title'] }, [text('See also')]), ...all(state, node)]))
    case 'container':
    case 'class':
    case 'cssclass':
    case 'rst-class':
      return done(state, node, h('div', { className: [name, ...node.argument.split(/\s+/).filter(Boolean)] }, all(state, node)))
    case 'only':
      // Content an HTML build leaves out is not rendered at all.
      if (node.data?.excluded) return undefined
      return done(state, node, h('div', { className: ['only'], dataOnly: node.argument }, all(state, node)))
    case 'ifconfig':
      return done(state, node, h('div', { className: ['only'], dataOnly: node.argument }, all(state, node)))
    case 'versionadded':
    case 'versionchanged':
    case 'deprecated':
      return directiveBox(state, node, [], [text(`${name === 'versionadded' ? 'New in version' : name === 'versionchanged' ? 'Changed in version' : 'Deprecated since version'} ${node.argument}`)])
    default:
      break
  }
  if (name.startsWith('c:') || name.startsWith('cpp:')) {
    return done(state, node, h('dl', { className: ['c', name.replace(':', '-')] }, [
      h('dt', { className: ['sig'] }, [h('code', {}, [text(node.argument)])]),
      h('dd', {}, all(state, node)),
    ]))
  }
  return directiveBox(state, node, [], node.argument ? [text(node.argument)] : undefined)
}

