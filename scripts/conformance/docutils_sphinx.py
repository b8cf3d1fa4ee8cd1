"""Sphinx and kernel markup for docutils, recorded generically.

Part of the conformance harness (see `docutils_outline.py`).  Plain docutils
knows neither Sphinx's directives and roles nor the kernel's; unknown ones
end up as system messages, which would make registries, not parsing, the
difference.  `register()` gives each a generic implementation:

* a directive becomes a `strata_directive` node with name, argument and
  options; its body is parsed as reST into children, or kept as raw text,
  as the directive's real implementation treats it;
* `code-block`/`sourcecode` become literal blocks with a language;
* a role becomes a `strata_role` node with its name and displayed text;
* `only` follows Sphinx for an HTML build (tags `html`, `format_html`,
  `builder_html`): the content is parsed with titles allowed, then kept in
  place when the expression holds and dropped when it does not.

Any other unknown directive or role is recorded the same way (raw body,
whole text), as Strata keeps unknown ones as `directive`/`role` nodes.
"""

import re

from docutils import nodes, utils
from docutils.parsers.rst import Directive, directives, roles

#: Directives parsed generically whose body is reST (parsed into children).
REST_BODY_DIRECTIVES = (
    'ifconfig', 'topic', 'sidebar', 'rubric', 'container', 'class',
    'header', 'footer', 'seealso', 'versionadded', 'versionchanged',
    'deprecated', 'glossary', 'hlist', 'centered', 'rst-class', 'cssclass',
    'todo', 'kernel-feat', 'kernel-figure', 'flat-table',
    'c:function', 'c:macro', 'c:type', 'c:struct', 'c:union', 'c:enum',
    'c:enumerator', 'c:var', 'c:member', 'c:alias', 'c:namespace',
    'cpp:function', 'cpp:class', 'py:function', 'function',
)

#: Directives parsed generically whose body is kept as raw text.
RAW_BODY_DIRECTIVES = (
    'toctree', 'highlight', 'literalinclude', 'tabularcolumns', 'index',
    'kernel-doc', 'kernel-include', 'kernel-abi', 'kernel-image',
    'kernel-render', 'maintainers-include', 'productionlist',
    'sectionauthor', 'codeauthor', 'moduleauthor', 'contents', 'sectnum',
    'section-numbering', 'meta', 'title', 'include', 'raw', 'default-domain',
    'c:namespace-push', 'c:namespace-pop',
)

#: Directives giving a literal block with a language (Sphinx).
CODE_DIRECTIVES = ('code-block', 'sourcecode')

#: Cross-reference roles (Sphinx's XRefRole): `title <target>` shows the
#: title; otherwise a leading `!` is dropped and `~a.b` shows `b`.
XREF_ROLES = (
    'ref', 'doc', 'numref', 'term', 'keyword', 'option', 'envvar', 'token',
    'download', 'any', 'c:func', 'c:type', 'c:macro', 'c:data', 'c:member',
    'c:var', 'c:struct', 'c:union', 'c:enum', 'c:enumerator', 'cpp:func',
    'cpp:class', 'cpp:type', 'cpp:member', 'py:func', 'py:class', 'py:mod',
    'py:meth', 'py:attr', 'func', 'class', 'mod',
)

#: Other Sphinx and kernel roles: the whole text is displayed.
TEXT_ROLES = (
    'manpage', 'kbd', 'file', 'command', 'program', 'samp', 'abbr', 'dfn',
    'guilabel', 'menuselection', 'mimetype', 'newsgroup', 'regexp', 'eq',
    'makevar', 'c:expr', 'c:texpr',
)

EXPLICIT_TITLE = re.compile(r'^(.+?)\s*(?<!\x00)<(.*?)>$', re.DOTALL)
WHITESPACE = re.compile(r'\s+')


class strata_directive(nodes.General, nodes.Element):
    """A directive recorded as written: name, argument, options, body."""


class strata_role(nodes.Inline, nodes.TextElement):
    """Interpreted text with a registered role: name and displayed text."""


class strata_transparent(nodes.General, nodes.Element):
    """Content that stands in its parent's place (a kept `only`)."""


#: The tags Sphinx sets for an HTML build (the builder's name and format).
HTML_BUILD_TAGS = frozenset(('html', 'format_html', 'builder_html'))

ONLY_TOKEN = re.compile(r'\s*(?:(\()|(\))|([A-Za-z_][A-Za-z0-9_]*)|(\S))')


def only_keeps(expression, tags=HTML_BUILD_TAGS):
    """Evaluate an `only` expression as Sphinx's `Tags.eval_condition`:
    names, `and`, `or`, `not` and parentheses; a name is true when it is a
    tag.  An expression that does not parse raises `ValueError` (Sphinx then
    warns and keeps the content).
    """
    tokens = []
    for match in ONLY_TOKEN.finditer(expression.strip()):
        if match.group(4):
            raise ValueError('invalid token %r' % match.group(4))
        tokens.append(match.group(1) or match.group(2) or match.group(3))
    position = [0]

    def peek():
        return tokens[position[0]] if position[0] < len(tokens) else None

    def take():
        position[0] += 1
        return tokens[position[0] - 1]

    def disjunction():
        value = conjunction()
        while peek() == 'or':
            take()
            value = conjunction() or value
        return value

    def conjunction():
        value = negation()
        while peek() == 'and':
            take()
            value = negation() and value
        return value

    def negation():
        if peek() == 'not':
            take()
            return not negation()
        return primary()

    def primary():
        token = peek()
        if token == '(':
            take()
            value = disjunction()
            if peek() != ')':
                raise ValueError('missing )')
            take()
            return value
        if token is None or token in ('(', ')', 'and', 'or', 'not'):
            raise ValueError('expected a name')
        take()
        return token in tags

    value = disjunction()
    if peek() is not None:
        raise ValueError('chunk after expression')
    return value


class OnlyDirective(Directive):
    """Sphinx's `only` as an HTML build resolves it: the content is parsed
    with titles allowed (section styles start afresh, as Sphinx's directive
    does), then stands in place of the directive when the expression holds;
    otherwise it is dropped (Sphinx's `process_only_nodes`)."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self):
        memo = self.state.memo
        styles, level = memo.title_styles, memo.section_level
        memo.title_styles, memo.section_level = [], 0
        container = strata_transparent()
        try:
            self.state.nested_parse(self.content, self.content_offset,
                                    container, match_titles=True)
            inner_styles = memo.title_styles
        finally:
            memo.title_styles, memo.section_level = styles, level
        try:
            keep = only_keeps(self.arguments[0])
        except ValueError as error:
            self.state.document.reporter.warning(
                'exception while evaluating only directive expression: %s'
                % error, line=self.lineno)
            keep = True
        if not keep:
            return []
        if not styles or not inner_styles or inner_styles[0] not in styles:
            return [container]
        # A section in a style already in use goes where that style's
        # sections go: up to the matching ancestor, as Sphinx moves it.
        depth = -2
        parent = self.state.parent
        while parent is not None:
            depth += 1
            parent = parent.parent
        target = self.state.parent
        for _ in range(depth - styles.index(inner_styles[0]) + 1):
            if target.parent is not None:
                target = target.parent
        target.append(container)
        return []


class AnyOptions(dict):
    """An option spec accepting every option name, values unchanged.

    A generic directive cannot know its real options, and docutils rejects
    unknown ones; this keeps `:maxdepth: 1` and friends as options.
    """

    def __missing__(self, key):
        return directives.unchanged

    def __bool__(self):
        return True


def make_generic_directive(rest_body, complaint=None):
    """Build a directive class that records itself as `strata_directive`.

    :param rest_body: whether the body is parsed as reST (else kept raw).
    :param complaint: what docutils itself would report here (an unknown
        directive, a disabled `raw` or `include`): reported at the
        directive's line, so the harness still knows docutils spoke.
    :returns: a Directive subclass.
    """

    class GenericDirective(Directive):
        optional_arguments = 1
        final_argument_whitespace = True
        has_content = True
        option_spec = AnyOptions()

        def run(self):
            if complaint:
                level, text = complaint
                self.state.document.reporter.system_message(
                    level, text % self.name, line=self.lineno)
            node = strata_directive()
            node['name'] = self.name.lower()
            node['argument'] = fold(' '.join(self.arguments))
            node['options'] = {k: fold(v or '') for k, v in self.options.items()}
            node.line = self.lineno
            if rest_body:
                self.state.nested_parse(self.content, self.content_offset, node)
            else:
                node['raw'] = '\n'.join(self.content)
            return [node]

    return GenericDirective


#: What docutils reports for directives the harness records generically.
UNKNOWN_DIRECTIVE = (3, 'Unknown directive type "%s".')
DISABLED_DIRECTIVE = (2, '"%s" directive disabled.')

#: Directives docutils refuses with these settings (no raw, no file insertion).
DISABLED_DIRECTIVES = ('raw', 'include')


class CodeDirective(Directive):
    """Sphinx's `code-block`: a literal block tagged with its language."""

    optional_arguments = 1
    final_argument_whitespace = False
    has_content = True
    option_spec = AnyOptions()

    def run(self):
        text = '\n'.join(self.content)
        node = nodes.literal_block(text, text)
        if self.arguments:
            node['language'] = self.arguments[0]
        node.line = self.lineno
        return [node]


def text_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """Record interpreted text as `strata_role` showing its whole text.

    :returns: the node list and no messages.
    """
    node = strata_role(rawtext, fold(utils.unescape(text)))
    node['name'] = name.lower()
    return [node], []


def xref_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """Record a cross-reference role as `strata_role` showing what Sphinx
    shows before resolution: the explicit title, else the target with `!`
    dropped and `~` shortening it to its last dotted part.

    :returns: the node list and no messages.
    """
    match = EXPLICIT_TITLE.match(text)
    if match:
        display = match.group(1)
    else:
        display = utils.unescape(text).strip()
        if display.startswith('!'):
            display = display[1:]
        if display.startswith('~'):
            display = display[1:].rsplit('.', 1)[-1]
    node = strata_role(rawtext, fold(utils.unescape(display)))
    node['name'] = name.lower()
    return [node], []


def register():
    """Register the Sphinx and kernel directives and roles with docutils.

    docutils' registries are process-wide; this script is its own process, so
    registering once at start-up is the documented way to extend it.
    """
    for name in REST_BODY_DIRECTIVES:
        directives.register_directive(name, make_generic_directive(True))
    for name in RAW_BODY_DIRECTIVES:
        complaint = DISABLED_DIRECTIVE if name in DISABLED_DIRECTIVES else None
        directives.register_directive(name, make_generic_directive(False, complaint))
    for name in CODE_DIRECTIVES:
        directives.register_directive(name, CodeDirective)
    directives.register_directive('only', OnlyDirective)
    for name in XREF_ROLES:
        roles.register_local_role(name, xref_role)
    for name in TEXT_ROLES:
        roles.register_local_role(name, text_role)
    # Unknown names: Strata keeps them as `directive`/`role` nodes (with a
    # warning) while docutils would drop them into a system message; record
    # them generically here so registries never count as parse differences.
    # docutils' own complaint is still reported (not inserted in the tree),
    # so a warning Strata gives there is not counted as a false one.
    find_directive, find_role = directives.directive, roles.role
    unknown_directive = make_generic_directive(False, UNKNOWN_DIRECTIVE)

    def directive_or_generic(name, language, document):
        found, messages = find_directive(name, language, document)
        return (found, messages) if found else (unknown_directive, [])

    def role_or_generic(name, language, lineno, reporter):
        found, messages = find_role(name, language, lineno, reporter)
        if found:
            return found, messages
        reporter.error('Unknown interpreted text role "%s".' % name, line=lineno)
        return text_role, []

    directives.directive = directive_or_generic
    roles.role = role_or_generic


def fold(text):
    """Fold runs of whitespace to one space and trim."""
    return WHITESPACE.sub(' ', text).strip()
