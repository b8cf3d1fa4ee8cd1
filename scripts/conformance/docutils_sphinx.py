"""Sphinx and kernel markup for docutils, recorded generically.

Part of the conformance harness (see `docutils_outline.py`).  Plain docutils
knows neither Sphinx's directives and roles nor the kernel's; unknown ones
end up as system messages, which would make registries, not parsing, the
difference.  `register()` gives each a generic implementation:

* a directive becomes a `strata_directive` node with name, argument and
  options; its body is parsed as reST into children, or kept as raw text,
  as the directive's real implementation treats it;
* `code-block`/`sourcecode` become literal blocks with a language;
* a role becomes a `strata_role` node with its name and displayed text.

Any other unknown directive or role is recorded the same way (raw body,
whole text), as Strata keeps unknown ones as `directive`/`role` nodes.
"""

import re

from docutils import nodes, utils
from docutils.parsers.rst import Directive, directives, roles

#: Directives parsed generically whose body is reST (parsed into children).
REST_BODY_DIRECTIVES = (
    'only', 'ifconfig', 'topic', 'sidebar', 'rubric', 'container', 'class',
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


class AnyOptions(dict):
    """An option spec accepting every option name, values unchanged.

    A generic directive cannot know its real options, and docutils rejects
    unknown ones; this keeps `:maxdepth: 1` and friends as options.
    """

    def __missing__(self, key):
        return directives.unchanged

    def __bool__(self):
        return True


def make_generic_directive(rest_body):
    """Build a directive class that records itself as `strata_directive`.

    :param rest_body: whether the body is parsed as reST (else kept raw).
    :returns: a Directive subclass.
    """

    class GenericDirective(Directive):
        optional_arguments = 1
        final_argument_whitespace = True
        has_content = True
        option_spec = AnyOptions()

        def run(self):
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
        directives.register_directive(name, make_generic_directive(False))
    for name in CODE_DIRECTIVES:
        directives.register_directive(name, CodeDirective)
    for name in XREF_ROLES:
        roles.register_local_role(name, xref_role)
    for name in TEXT_ROLES:
        roles.register_local_role(name, text_role)
    # Unknown names: Strata keeps them as `directive`/`role` nodes (with a
    # warning) while docutils would drop them into a system message; record
    # them generically here so registries never count as parse differences.
    find_directive, find_role = directives.directive, roles.role
    raw_directive = make_generic_directive(False)

    def directive_or_generic(name, language, document):
        found, messages = find_directive(name, language, document)
        return (found, messages) if found else (raw_directive, [])

    def role_or_generic(name, language, lineno, reporter):
        found, messages = find_role(name, language, lineno, reporter)
        return (found, messages) if found else (text_role, [])

    directives.directive = directive_or_generic
    roles.role = role_or_generic


def fold(text):
    """Fold runs of whitespace to one space and trim."""
    return WHITESPACE.sub(' ', text).strip()
