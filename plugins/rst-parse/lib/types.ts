/**
 * The reST-only node types, declared once by module augmentation of `mdast`
 * (the pattern of `mdast-util-directive`), so every plugin gets typed `visit`
 * calls. See `../CONTRACT.md` for the mapping from docutils' doctree.
 *
 * Table cells: mdast's `TableCell` holds phrasing only (its `children` type is
 * fixed, not drawn from a content map, so augmentation cannot widen it), but a
 * reST cell holds blocks. Rather than a second cell type (which would break
 * every table utility), the parser emits ordinary `tableCell` nodes whose
 * children are blocks (usually one `paragraph`; an empty cell has none), and
 * {@link RstTableCell} below is the honest type to cast to when reading them.
 *
 * Attribution: `blockquote` children come from `BlockContentMap`, so
 * `attribution` is registered there (it only ever appears as the last child of
 * a `blockquote`).
 */
import type {
  BlockContent,
  Code,
  Data,
  DefinitionContent,
  Literal,
  Parent,
  PhrasingContent,
  RootContent,
} from 'mdast'

/** Children allowed where reST allows body elements. */
export type RstBlockContent = BlockContent | DefinitionContent | RstBlock

/** Every reST-only node that appears where blocks go. */
export type RstBlock =
  | Directive
  | Admonition
  | Target
  | Comment
  | FieldList
  | DefinitionList
  | OptionList
  | LineBlock
  | DoctestBlock
  | SubstitutionDefinition
  | Citation

/** A directive: `.. name:: argument`, `:option: value`, then a body. */
export interface Directive extends Parent {
  type: 'directive'
  /** Directive name as written, lowercased (`kernel-doc`, `c:function`, `code-block`). */
  name: string
  /** The argument: the text after `::` (first line plus continuation lines before options). */
  argument: string
  /** The options (`:name: value`); flags without a value map to `''`. */
  options: Record<string, string>
  /** The raw body text (dedented), as written. */
  value: string
  /** Parsed body when the directive's body is reST (e.g. `topic`, `only`), else empty. */
  children: RstBlockContent[]
  data?: DirectiveData
}
export interface DirectiveData extends Data {
  /** True when the directive is not in the registry (a warning was emitted). */
  unknown?: boolean
  /**
   * `only` whose expression is false for an HTML build (Sphinx's tags
   * `html`, `format_html`, `builder_html`): the content is dropped, as
   * Sphinx drops it (`value` keeps the text).
   */
  excluded?: boolean
  /** `image`/`figure` with `:target:`: the resolved link (a URI, or `#id` inside the document). */
  url?: string
  /** The `:target:` names a reference nothing defines. */
  unresolved?: boolean
}

/** An admonition directive (`note`, `warning`, …, generic `admonition`). */
export interface Admonition extends Parent {
  type: 'admonition'
  kind:
    | 'note'
    | 'warning'
    | 'attention'
    | 'caution'
    | 'danger'
    | 'error'
    | 'hint'
    | 'important'
    | 'tip'
    | 'admonition'
  /** Title for the generic `admonition` (its argument); absent for the others. */
  title?: string
  children: RstBlockContent[]
  data?: Data
}

/** An interpreted-text role: `:name:`text`` or `` `text`:name: `` or the default role. */
export interface Role extends Parent {
  type: 'role'
  /** Role name lowercased (`c:func`, `ref`, `doc`, `kbd`, `title-reference` for the default role). */
  name: string
  /** The raw text between the backquotes (escapes kept). */
  value: string
  /** For `text <target>` forms (`ref`, `doc`, …): the target; else absent. */
  target?: string
  /** The displayed text. */
  children: PhrasingContent[]
  data?: RoleData
}
export interface RoleData extends Data {
  /** True when the role is not in the registry (a warning was emitted). */
  unknown?: boolean
  /**
   * The name used in the text when the role was defined by `.. role::`
   * (`name` is then its base's canonical name, `inline` for a class-only
   * role, which docutils makes a plain `inline` with classes).
   */
  role?: string
  /** Classes of a role defined by `.. role::` (its `:class:`, else its name). */
  classes?: string[]
  /**
   * A raw role refused (`allowRaw` off, or no `html` format): the children
   * show the source as written, as docutils shows it with raw disabled.
   */
  refused?: boolean
}

/** A hyperlink target: `.. _name: URI`, `.. _name:`, `__ URI`, or inline `` _`name` ``. */
export interface Target extends Parent {
  type: 'target'
  /** Normalised name (lowercase, whitespace folded), `''` for anonymous targets. */
  identifier: string
  /** The name as written. */
  label: string
  url?: string
  /** Indirect target: `.. _a: b_` points to reference name `b`. */
  refname?: string
  anonymous?: boolean
  /** Inline target `` _`name` `` (phrasing; children hold the text). */
  inline?: boolean
  children: PhrasingContent[]
  data?: TargetData
}
export interface TargetData extends Data {
  /** The element id of a named target (docutils' `make_id` of its name), where `#id` links lead. */
  id?: string
}

/** A comment (`..` followed by text that is not markup); `value` is the text. */
export interface Comment extends Literal {
  type: 'comment'
  data?: Data
}

/** A field list: `:name: body`. */
export interface FieldList extends Parent {
  type: 'fieldList'
  children: Field[]
  data?: Data
}
export interface Field extends Parent {
  type: 'field'
  /** The field name as written (inline markup not parsed). */
  name: string
  /** The field body. */
  children: RstBlockContent[]
  data?: Data
}

/** A definition list. */
export interface DefinitionList extends Parent {
  type: 'definitionList'
  children: DefinitionListItem[]
  data?: Data
}
export interface DefinitionListItem extends Parent {
  type: 'definitionListItem'
  /** A `definitionTerm`, zero or more `classifier`s, then a `definitionDescription`. */
  children: Array<DefinitionTerm | Classifier | DefinitionDescription>
  data?: Data
}
export interface DefinitionTerm extends Parent {
  type: 'definitionTerm'
  children: PhrasingContent[]
  data?: Data
}
export interface Classifier extends Parent {
  type: 'classifier'
  children: PhrasingContent[]
  data?: Data
}
export interface DefinitionDescription extends Parent {
  type: 'definitionDescription'
  children: RstBlockContent[]
  data?: Data
}

/** An option list (`-a, --all  Description`). */
export interface OptionList extends Parent {
  type: 'optionList'
  children: OptionListItem[]
  data?: Data
}
export interface OptionListItem extends Parent {
  type: 'optionListItem'
  /** The options as written, e.g. `-a`, `--all=FILE`. */
  options: string[]
  /** The description blocks. */
  children: RstBlockContent[]
  data?: Data
}

/** A line block (`| line`); nested indentation gives nested line blocks. */
export interface LineBlock extends Parent {
  type: 'lineBlock'
  children: Array<Line | LineBlock>
  data?: Data
}
export interface Line extends Parent {
  type: 'line'
  children: PhrasingContent[]
  data?: Data
}

/** A doctest block (`>>> …`), verbatim. */
export interface DoctestBlock extends Literal {
  type: 'doctestBlock'
  data?: Data
}

/** The attribution of a block quote (`-- Name`), last child of `blockquote`. */
export interface Attribution extends Parent {
  type: 'attribution'
  children: PhrasingContent[]
  data?: Data
}

/** `.. |name| replace:: text` / `.. |name| image:: uri`. */
export interface SubstitutionDefinition extends Parent {
  type: 'substitutionDefinition'
  name: string
  /** Phrasing (for `replace`/`unicode`) or a single `directive` (e.g. `image`). */
  children: Array<PhrasingContent | Directive>
  data?: Data
}

/** `|name|`: children hold the resolved content once a definition is known, else the name. */
export interface SubstitutionReference extends Parent {
  type: 'substitutionReference'
  name: string
  children: PhrasingContent[]
  data?: SubstitutionReferenceData
}
export interface SubstitutionReferenceData extends Data {
  /** No definition has this name (a warning was emitted). */
  unresolved?: boolean
}

/** A citation: `.. [CIT] text`. */
export interface Citation extends Parent {
  type: 'citation'
  label: string
  identifier: string
  children: RstBlockContent[]
  data?: CitationData
}
export interface CitationData extends Data {
  /** Element id (`citation-…`): citation references and `label_` link here. */
  id?: string
}
/** A citation reference: `[CIT]_`. */
export interface CitationReference extends Parent {
  type: 'citationReference'
  label: string
  identifier: string
  children: []
  data?: Data
}

/** A `tableCell` as this parser emits it: block children (see the file comment). */
export interface RstTableCell extends Omit<import('mdast').TableCell, 'children'> {
  children: RstBlockContent[]
}

/**
 * A `parsed-literal` as the parser emits it: a `code` node (`data.kind`
 * `parsed-literal`, `value` its plain text) whose `children` hold the
 * interpreted phrasing (links, emphasis) laid out as written. mdast's `Code`
 * is a literal, so this is the type to cast to rather than an augmentation
 * (which would make every `code` look like a parent to other plugins).
 */
export interface ParsedLiteral extends Code {
  children: PhrasingContent[]
}

/** Extra data on standard mdast nodes (see CONTRACT.md). */
export interface RstListData extends Data {
  enumtype?: 'arabic' | 'loweralpha' | 'upperalpha' | 'lowerroman' | 'upperroman'
  prefix?: string
  suffix?: string
  bullet?: string
}

declare module 'mdast' {
  interface RootContentMap {
    directive: Directive
    admonition: Admonition
    role: Role
    target: Target
    comment: Comment
    fieldList: FieldList
    field: Field
    definitionList: DefinitionList
    definitionListItem: DefinitionListItem
    definitionTerm: DefinitionTerm
    classifier: Classifier
    definitionDescription: DefinitionDescription
    optionList: OptionList
    optionListItem: OptionListItem
    lineBlock: LineBlock
    line: Line
    doctestBlock: DoctestBlock
    attribution: Attribution
    substitutionDefinition: SubstitutionDefinition
    substitutionReference: SubstitutionReference
    citation: Citation
    citationReference: CitationReference
  }
  interface BlockContentMap {
    directive: Directive
    admonition: Admonition
    target: Target
    comment: Comment
    fieldList: FieldList
    definitionList: DefinitionList
    optionList: OptionList
    lineBlock: LineBlock
    doctestBlock: DoctestBlock
    substitutionDefinition: SubstitutionDefinition
    citation: Citation
    /** Only as the last child of a `blockquote`. */
    attribution: Attribution
  }
  interface PhrasingContentMap {
    role: Role
    target: Target
    substitutionReference: SubstitutionReference
    citationReference: CitationReference
  }
  interface HeadingData {
    /** docutils-style id (slug of the title). */
    id?: string
    /** The section level when deeper than six (`depth` stops at 6, HTML's last heading). */
    level?: number
  }
  interface ListData {
    enumtype?: RstListData['enumtype']
    prefix?: string
    suffix?: string
    bullet?: string
  }
  interface CodeData {
    kind?: 'literal' | 'quoted' | 'code-block' | 'parsed-literal'
    /** `code` with `:number-lines:`: the first line's number (the lines are shown numbered). */
    numberLines?: number
  }
  interface LinkData {
    refname?: string
    anonymous?: boolean
    /** `` `text <uri>`_ `` / `` `text <uri>`__ ``: the URI is written in place. */
    embedded?: boolean
    /** Nothing defines the name (or the anonymous references and targets do not pair up). */
    unresolved?: boolean
  }
  interface FootnoteReferenceData {
    auto?: '#' | '*'
    /** No footnote has this number or label. */
    unresolved?: boolean
  }
  interface FootnoteDefinitionData {
    auto?: '#' | '*'
    /** Element id (`footnote-1`): footnote references and `1_` link here. */
    id?: string
  }
  interface TableRowData {
    header?: boolean
  }
  interface TableCellData {
    colspan?: number
    rowspan?: number
  }
}
