#!/usr/bin/python3
"""Print docutils' normalised block outline of reST files, as JSON.

This is the reference side of Strata's parser conformance harness
(`npm run conformance`).  Run it with Debian's interpreter, which has
`python3-docutils`:

    /usr/bin/python3 scripts/conformance/docutils_outline.py FILE.rst [...]
    /usr/bin/python3 scripts/conformance/docutils_outline.py -   # stdin

Output: ``{"docutils": VERSION, "files": [{"path", "blocks", "links",
"messages", "error"?}]}`` where ``blocks`` is a flat list in document order
of ``{"type", "depth", "text"?, "attrs"?, "line"?}``, ``links`` lists every
reference-like node with what it resolves to (``{"kind", "text", "target",
"line"}``, see `links_of`) and ``messages`` every system message docutils
reported (``{"level", "lines", "text"}``).  `scripts/conformance/
mdast-outline.ts` builds the same shape from Strata's mdast; the two must stay
in step, so every rule below has a twin there.

What is compared (and why)
--------------------------
The goal is a fair comparison of *parsing*, so the document is parsed with
``Parser().parse()`` only: **no docutils transform runs**.  Sphinx does not
run most of them either, and each one is either re-done or neutralised on
both sides:

* Section nesting is done by the docutils parser itself; the mdast side
  rebuilds it from heading depths.  A section is one block ``section`` with
  ``level`` (1-based nesting) and the title's text; the section's content is
  one level deeper.  DocTitle/DocInfo promotion is not applied (Sphinx sets
  ``doctitle_xform = False``), so the first title stays a level-1 section and
  a leading field list stays a field list.
* ``contents``, ``sectnum``, ``header``, ``footer``, ``meta``, ``title``,
  ``include``, ``raw`` and ``class`` act after parsing (pending nodes, file
  reads), and ``topic``/``sidebar``/``rubric``/``container`` are directives in
  the tree contract: all of them are parsed by the same generic directive as
  the Sphinx/kernel ones, recording name, argument and options.
* Substitution references are not resolved in the outline: they read
  ``|name|`` in text on both sides.  Hyperlink references are compared by
  their text, plus their URI when it is written in place (embedded
  ```a <u>`_``, standalone URI or e-mail).  The text-less target docutils
  adds after an embedded URI is dropped.
* Links are compared apart from the outline: after it is taken, docutils'
  reference transforms run (substitutions, targets, anonymous pairing,
  footnotes, names) and each reference, footnote, citation and substitution
  reference records its target in a canonical form both sides can give:
  ``uri:URI``, ``section:TITLE``, ``footnote#N``, ``citation:LABEL``,
  ``id:ID``, ``substitution:defined`` or ``unresolved``.
* Messages: every system message (parse and transforms, INFO and up),
  with the lines it is about; a Strata warning no docutils message answers
  is a false warning (`compare-file.ts`).  Where the harness records a
  directive or role generically it still reports docutils' complaint (an
  unknown name; ``raw`` and ``include``, disabled here) without inserting it.  Footnote labels are not numbered:
  ``[#]`` is ``#``, ``[#x]`` is ``#x``, ``[*]`` is ``*``.
* Cross-reference roles (``ref``, ``doc``, ``c:func`` …) display what Sphinx
  shows before resolution: the explicit title (```t <x>```), else the target
  with ``!`` dropped and ``~a.b`` shortened to ``b``; other roles display their
  whole text.  What needs resolution (``()`` after functions, a ``ref``'s
  section title) is not imitated.
* Directives docutils implements itself and the contract leaves generic
  (``figure``, ``compound``, ``epigraph``, ``math``, ``image`` …) keep
  docutils' nodes here; the mdast side maps the generic directive onto them
  (figure → image, caption = first paragraph, legend = the rest).  Field
  names (backslash escapes taken), admonition and table titles are compared
  as written, as the contract keeps them.  ``only`` follows Sphinx's HTML
  build (`docutils_sphinx.py`): kept content stands in place, the rest goes.  Unknown directives and roles are recorded
  generically, as Strata keeps them (see `docutils_sphinx.py`).
* System messages are dropped; ``problematic`` spans keep their raw text.
  A directive docutils rejects (e.g. an admonition without content) leaves
  only a system message, so it is compared as absent.

Text is whitespace-folded (runs of whitespace become one space, trimmed) for
titles, paragraphs, terms, lines, comments, maths and directive arguments;
literal and doctest blocks keep their exact text.  Blocks with inline markup
carry ``attrs.inline``: one ``kind:text`` entry per inline element in document
order, so an emphasis that should have been a literal is a difference even
when the plain text agrees.
"""

import io
import json
import sys

import docutils
from docutils import frontend, nodes, utils
from docutils.parsers.rst import Parser, roles
from docutils.parsers.rst.states import escape2null

from docutils.transforms import references

from docutils_sphinx import (
    fold, register, strata_directive, strata_role, strata_transparent)


def settings():
    """Docutils settings: quiet, never halting, no file or raw insertion."""
    values = frontend.get_default_settings(Parser)
    values.report_level = 5
    values.halt_level = 5
    values.warning_stream = io.StringIO()
    values.file_insertion_enabled = False
    values.raw_enabled = False
    values.tab_width = 8
    values.syntax_highlight = 'none'
    values.character_level_inline_markup = False
    return values


def footnote_label(node):
    """Canonical footnote(-reference) label without auto-numbering."""
    auto = node.get('auto')
    if auto == '*':
        return '*'
    if auto:
        names = node.get('names') or ([node['refname']] if node.get('refname') else [])
        return '#' + (names[0] if names else '')
    if isinstance(node, (nodes.footnote, nodes.citation)):
        return node[0].astext() if len(node) and isinstance(node[0], nodes.label) else ''
    return node.astext()


INLINE_KINDS = {
    nodes.emphasis: 'emphasis', nodes.strong: 'strong', nodes.literal: 'literal',
    nodes.title_reference: 'title_reference', nodes.subscript: 'subscript',
    nodes.superscript: 'superscript', nodes.abbreviation: 'abbreviation',
    nodes.acronym: 'acronym', nodes.math: 'math', nodes.reference: 'reference',
    nodes.target: 'target', nodes.raw: 'raw',
}


def inline(node):
    """Plain text and inline signature of a text element's children.

    :returns: (folded text, list of ``kind:text`` strings in document order).
    """
    parts, sig = [], []
    collect_inline(node, parts, sig)
    return fold(''.join(parts)), sig


def collect_inline(node, parts, sig):
    """Append `node`'s children's text to `parts` and their kinds to `sig`."""
    for child in node.children:
        if isinstance(child, nodes.Text):
            parts.append(child.astext())
        elif isinstance(child, (nodes.system_message, nodes.pending)):
            continue
        elif isinstance(child, strata_role):
            text = fold(child.astext())
            sig.append('role:%s:%s' % (child['name'], text))
            parts.append(child.astext())
        elif isinstance(child, (nodes.footnote_reference, nodes.citation_reference)):
            label = footnote_label(child)
            kind = type(child).__name__
            sig.append('%s:%s' % (kind, label))
            parts.append('[%s]' % label)
        elif isinstance(child, nodes.substitution_reference):
            sig.append('substitution_reference:%s' % child.astext())
            parts.append('|%s|' % child.astext())
        elif isinstance(child, nodes.image):
            sig.append('image:%s' % child.get('uri', ''))
        elif isinstance(child, nodes.target) and not child.astext():
            continue  # the target docutils adds after an embedded URI
        elif type(child) in INLINE_KINDS:
            sub_parts, sub_sig = [], []
            collect_inline(child, sub_parts, sub_sig)
            entry = '%s:%s' % (INLINE_KINDS[type(child)], fold(''.join(sub_parts)))
            if isinstance(child, nodes.reference) and child.get('refuri'):
                entry += ' -> ' + child['refuri']  # a URI as written, not resolved
            sig.append(entry)
            sig.extend(sub_sig)
            parts.extend(sub_parts)
        else:  # problematic, inline, generated …: transparent
            collect_inline(child, parts, sig)


def line_of(node):
    """A 1-based source line for `node`: its own, else its descendants'
    smallest (containers have none and nested nodes may be numbered out of
    order), else its nearest ancestor's."""
    if getattr(node, 'line', None):
        return node.line
    lines = [c.line for c in node.findall(include_self=False) if getattr(c, 'line', None)]
    if lines:
        return min(lines)
    parent = node.parent
    while parent is not None:
        if getattr(parent, 'line', None):
            return parent.line
        parent = parent.parent
    return None


class Outline:
    """Collects blocks for one document (one instance per file, no sharing)."""

    def __init__(self, lines):
        self.blocks = []
        self.lines = lines

    def line(self, node):
        """Start line of `node`; docutils gives an underlined title's underline."""
        line = line_of(node)
        if line and isinstance(node, nodes.title) and line > 1:
            first = node.rawsource.strip().split('\n')[0].strip()
            if first and self.lines[line - 2].strip() == first:
                return line - 1
        if line and isinstance(node, nodes.comment):
            # docutils numbers a comment from the line after its marker.
            back = line
            while back > 1 and line - back <= node.rawsource.count('\n') + 1 \
                    and not self.lines[back - 1].lstrip().startswith('..'):
                back -= 1
            if self.lines[back - 1].lstrip().startswith('..'):
                return back
        return line

    def add(self, node, type_, depth, text=None, attrs=None):
        block = {'type': type_, 'depth': depth}
        if text is not None:
            block['text'] = text
        if attrs:
            block['attrs'] = attrs
        line = self.line(node)
        if line:
            block['line'] = line
        self.blocks.append(block)

    def add_text(self, node, type_, depth, attrs=None):
        text, sig = inline(node)
        attrs = dict(attrs or {})
        if sig:
            attrs['inline'] = sig
        self.add(node, type_, depth, text, attrs)

    def children(self, node, depth, level, skip=()):
        for child in node.children:
            if not isinstance(child, skip):
                self.visit(child, depth, level)

    def visit(self, node, depth, level=0):
        """Emit `node` at `depth`; `level` is the enclosing section level."""
        if isinstance(node, (nodes.system_message, nodes.pending, nodes.Text)):
            return
        if isinstance(node, strata_transparent):
            self.children(node, depth, level)
        elif isinstance(node, nodes.section):
            title = node[0] if len(node) and isinstance(node[0], nodes.title) else None
            if title is not None:
                self.add_text(title, 'section', depth, {'level': level + 1})
            else:
                self.add(node, 'section', depth, '', {'level': level + 1})
            self.children(node, depth + 1, level + 1, (nodes.title,))
        elif isinstance(node, nodes.paragraph):
            self.add_text(node, 'paragraph', depth)
        elif isinstance(node, nodes.bullet_list):
            self.add(node, 'bullet_list', depth, None, {'bullet': node.get('bullet', '')})
            self.children(node, depth + 1, level)
        elif isinstance(node, nodes.enumerated_list):
            self.add(node, 'enumerated_list', depth, None, {
                'enumtype': node.get('enumtype', 'arabic'),
                'prefix': node.get('prefix', ''),
                'suffix': node.get('suffix', '.'),
                'start': node.get('start', 1),
            })
            self.children(node, depth + 1, level)
        elif isinstance(node, nodes.term):
            self.add_text(node, 'term', depth)
        elif isinstance(node, nodes.classifier):
            self.add_text(node, 'classifier', depth)
        elif isinstance(node, nodes.field):
            name = node[0] if len(node) and isinstance(node[0], nodes.field_name) else None
            # The contract keeps field names as written (markup unparsed),
            # backslash escapes taken (`:a\\:b:` is the name `a:b`).
            self.add(node, 'field', depth,
                     fold(utils.unescape(escape2null(name.rawsource))) if name is not None else '')
            for child in node.children:
                if isinstance(child, nodes.field_body):
                    self.children(child, depth + 1, level)
        elif isinstance(node, nodes.option_list_item):
            options = []
            for group in node.findall(nodes.option_group):
                for option in group.children:
                    # option_argument.astext() includes its delimiter
                    options.append(''.join(part.astext() for part in option.children))
            self.add(node, 'option_list_item', depth, None, {'options': options})
            for child in node.children:
                if isinstance(child, nodes.description):
                    self.children(child, depth + 1, level)
        elif isinstance(node, (nodes.literal_block, nodes.doctest_block)):
            attrs = {}
            classes = node.get('classes', [])
            language = node.get('language') or (
                classes[1] if len(classes) > 1 and classes[0] == 'code' else None)
            if language:
                attrs['language'] = language
            self.add(node, type(node).__name__, depth, node.astext(), attrs)
        elif isinstance(node, (nodes.attribution, nodes.line, nodes.caption, nodes.rubric)):
            self.add_text(node, type(node).__name__, depth)
        elif isinstance(node, nodes.table):
            self.table(node, depth, level)
        elif isinstance(node, (nodes.footnote, nodes.citation)):
            self.add(node, type(node).__name__, depth, None, {'label': footnote_label(node)})
            self.children(node, depth + 1, level, (nodes.label,))
        elif isinstance(node, nodes.target):
            self.add(node, 'target', depth, None, target_attrs(node))
        elif isinstance(node, nodes.comment):
            self.add(node, 'comment', depth, fold(node.astext()))
        elif isinstance(node, nodes.Admonition):  # note, warning …, admonition
            attrs = {'kind': type(node).__name__}
            if isinstance(node, nodes.admonition):
                title = node[0] if len(node) and isinstance(node[0], nodes.title) else None
                # As written, like the contract's `title` string.
                attrs['title'] = fold(title.rawsource) if title is not None else ''
            self.add(node, 'admonition', depth, None, attrs)
            self.children(node, depth + 1, level, (nodes.title,))
        elif isinstance(node, strata_directive):
            raw = node.get('raw')
            self.add(node, 'directive', depth, fold(raw) if raw else None, {
                'name': node['name'], 'argument': node['argument'],
                'options': node['options'],
            })
            self.children(node, depth + 1, level)
        elif isinstance(node, nodes.substitution_definition):
            names = node.get('names') or ['']
            self.add(node, 'substitution_definition', depth, inline(node)[0],
                     {'name': names[0]})
        elif isinstance(node, nodes.math_block):
            self.add(node, 'math_block', depth, fold(node.astext()))
        elif isinstance(node, nodes.image):
            self.add(node, 'image', depth, None, {'uri': node.get('uri', '')})
        elif isinstance(node, nodes.TextElement):
            self.add_text(node, type(node).__name__, depth)
        else:
            # Containers without attributes of their own: definition_list(_item),
            # definition, field_list, option_list, list_item, block_quote,
            # line_block, transition, figure, compound, legend …
            self.add(node, type(node).__name__, depth)
            self.children(node, depth + 1, level)

    def table(self, node, depth, level):
        """Emit table (rows/cols/header rows), then rows, entries, cell blocks."""
        title = node[0] if len(node) and isinstance(node[0], nodes.title) else None
        groups = [g for g in node.children if isinstance(g, nodes.tgroup)]
        rows, cols, header = [], 0, 0
        for group in groups:
            cols = max(cols, int(group.get('cols', 0)))
            for part in group.children:
                if isinstance(part, (nodes.thead, nodes.tbody)):
                    for row in part.children:
                        rows.append((row, isinstance(part, nodes.thead)))
                        header += isinstance(part, nodes.thead)
        attrs = {'rows': len(rows), 'cols': cols, 'headerRows': header}
        if title is not None:
            attrs['title'] = fold(title.rawsource)  # as written, like admonitions
        self.add(node, 'table', depth, None, attrs)
        for row, is_header in rows:
            self.add(row, 'row', depth + 1, None, {'header': True} if is_header else None)
            for entry in row.children:
                span = {}
                if entry.get('morecols'):
                    span['colspan'] = entry['morecols'] + 1
                if entry.get('morerows'):
                    span['rowspan'] = entry['morerows'] + 1
                self.add(entry, 'entry', depth + 2, None, span)
                self.children(entry, depth + 3, level)


def target_attrs(node):
    """Canonical attributes of an explicit hyperlink target."""
    attrs = {}
    if node.get('anonymous'):
        attrs['anonymous'] = True
    names = node.get('names') or []
    if names:
        attrs['name'] = names[0]
    if node.get('refuri'):
        attrs['uri'] = node['refuri']
    if node.get('refname'):
        attrs['refname'] = node['refname']
    return attrs


#: docutils' reference transforms, in priority order: what gives each
#: reference its target (`refuri`/`refid`; the last one resolves names of
#: sections and internal targets, and reports the names nothing defines).
#: They run after the outline is taken, so the outline stays the parser's.
RESOLVING = sorted(
    (references.Substitutions, references.PropagateTargets,
     references.AnonymousHyperlinks, references.IndirectHyperlinks,
     references.Footnotes, references.ExternalTargets,
     references.InternalTargets, references.DanglingReferences),
    key=lambda transform: transform.default_priority)

#: Reference-like inline nodes, each compared by what it resolves to.
LINK_KINDS = (
    (nodes.reference, 'reference'),
    (nodes.footnote_reference, 'footnote_reference'),
    (nodes.citation_reference, 'citation_reference'),
    (nodes.substitution_reference, 'substitution_reference'),
)


def link_nodes(node, found):
    """Append `(node, kind)` for every reference-like node below `node`,
    in document order (system messages skipped)."""
    for child in node.children:
        if isinstance(child, (nodes.Text, nodes.system_message)):
            continue
        for cls, kind in LINK_KINDS:
            if isinstance(child, cls):
                found.append((child, kind))
                break
        link_nodes(child, found)


def link_text(node, kind):
    """What a reference shows, before any transform."""
    if kind in ('footnote_reference', 'citation_reference'):
        return footnote_label(node) if kind == 'footnote_reference' else node.astext()
    return fold(node.astext())


def substitution_defined(document, node):
    """Whether `|name|` has a definition (exact name first, then folded case,
    as docutils' Substitutions transform looks it up)."""
    name = node.get('refname', '')
    return (name in document.substitution_defs
            or nodes.fully_normalize_name(name) in document.substitution_names)


def element_target(document, refid):
    """Canonical description of the element an internal reference reaches:
    a section by its title, a footnote by its place among footnotes, a
    citation by its label, anything else by its id."""
    element = document.ids.get(refid)
    if element is None:
        return 'unresolved'
    if isinstance(element, nodes.section):
        title = element[0] if len(element) and isinstance(element[0], nodes.title) else None
        return 'section:' + (fold(title.astext()) if title is not None else '')
    if isinstance(element, nodes.footnote):
        return 'footnote#%d' % list(document.findall(nodes.footnote)).index(element)
    if isinstance(element, nodes.citation):
        return 'citation:' + footnote_label(element)
    return 'id:' + refid


def links_of(document):
    """Every reference-like node with what it resolves to, in document
    order.  The document is transformed in place: call after the outline."""
    found = []
    link_nodes(document, found)
    entries = [{'kind': kind, 'text': link_text(node, kind), 'line': line_of(node)}
               for node, kind in found]
    defined = [kind == 'substitution_reference' and substitution_defined(document, node)
               for node, kind in found]
    for transform in RESOLVING:
        transform(document).apply()
    for entry, (node, kind), is_defined in zip(entries, found, defined):
        if kind == 'substitution_reference':
            entry['target'] = 'substitution:' + ('defined' if is_defined else 'unresolved')
        elif node.get('refuri') is not None:
            entry['target'] = 'uri:' + node['refuri']
        elif node.get('refid'):
            entry['target'] = element_target(document, node['refid'])
        else:
            entry['target'] = 'unresolved'
    return entries


def message_lines(document, message):
    """The source lines a system message is about: its own line, and the
    lines of the blocks holding the nodes it points back to (a transform's
    message is numbered by the enclosing block, not the reference)."""
    lines = set()
    if message.get('line'):
        lines.add(message['line'])
    for backref in message.get('backrefs', []):
        node = document.ids.get(backref)
        while node is not None and not getattr(node, 'line', None):
            node = node.parent
        if node is not None:
            extent = (node.rawsource or '').count('\n')
            lines.update(range(node.line, node.line + extent + 1))
    return sorted(lines)


def message_record(document, message):
    """A system message as the harness compares it."""
    text = message[0].astext() if len(message) else message.astext()
    return {'level': message['level'], 'lines': message_lines(document, message),
            'text': fold(text)}


def outline_text(text, path):
    """Parse `text` (from `path`) without transforms and return its blocks,
    then resolve its references (docutils' reference transforms) and return
    their targets, and every message docutils reported (parse and
    transforms, INFO and up).

    :returns: (blocks, links, messages).
    """
    document = utils.new_document(path, settings())
    reported = []
    document.reporter.attach_observer(reported.append)
    saved_roles = dict(roles._roles)  # `role`/`default-role` register globally
    try:
        Parser().parse(text, document)
    finally:
        roles._roles.clear()
        roles._roles.update(saved_roles)
    outline = Outline(text.splitlines())
    outline.children(document, 0, 0)
    links = links_of(document)
    messages = [message_record(document, message) for message in reported]
    return outline.blocks, links, messages


def main(argv):
    register()
    files = []
    for path in argv:
        try:
            if path == '-':
                text = sys.stdin.read()
            else:
                with open(path, encoding='utf-8-sig') as handle:
                    text = handle.read()
            blocks, links, messages = outline_text(text, path)
            files.append({'path': path, 'blocks': blocks, 'links': links,
                          'messages': messages})
        except Exception as error:  # report per file, keep going
            files.append({'path': path, 'blocks': [], 'error': repr(error)})
    json.dump({'docutils': docutils.__version__, 'files': files}, sys.stdout,
              ensure_ascii=False, separators=(',', ':'))
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
