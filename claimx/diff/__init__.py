"""What changed between two versions of an article: claims, not lines.

`diff_sheets(old, new)` compares two `FactSheet`s and returns a `SheetDiff`:
records `added`, `removed` and `changed` (with the record fields that differ).
Records are paired by their content `id` first; what is left is paired by
meaning, one similarity score per section:

- quotes: same speaker and similar words (or the same surroundings) is a
  reworded quote; the same words under another speaker is a reattribution;
- dates and figures: the same surroundings (and, for figures, the same unit
  or the same value) with another value is a changed date or figure.

Surroundings come from the fact sheets alone, never from the articles, so
`claimx diff a.txt b.txt` reports exactly what `claimx diff a.yaml b.yaml`
reports for the sheets of those articles: the words the records' own texts
show around a record (a figure inside a quote stands among the quote's
words), else its slot between records both versions share by id (between the
same two, or at the same distance from one).

Only `id`, `at`, `span` and `mention_span` never count as a change on their own:
they move whenever a paragraph does. Text fields are compared folded
(`model.fold`), so re-wrapped lines and quote glyphs change nothing.

One edit often changes more than one record: a reattributed quote takes its
continuation quotes (which inherit its speaker) and a later `he said` along; a
reworded partial quote changes the indirect record around it; an added quote
brings the figures inside it. Such dependent records are folded into the change
that explains them (`also`), so each claim is reported once: the innermost
claim for a change, the enclosing quote for an addition or removal. A speaker
resolved differently under an unchanged mention (`Choi said` read as `Choi`
rather than `Choi Eun-mi` once the introduction moved) is not a change.

`compare_paths(old, new, extractor)` resolves the command line's two paths
(articles, fact sheet files or folders of either) into a `Report`.

YAML output (`render_yaml`), two articles or two fact sheet files::

    warnings: []                 # model / rules digest differences
    added:   [{section: quotes, id: ..., kind: ..., ...}]   # records as in a fact sheet
    removed: [{section: figures, ...}]
    changed:
    - section: quotes            # quotes | dates | figures
      fields: [speaker, role, mention]
      old: {id: ..., ...}
      new: {id: ..., ...}
      also: [...]                # optional: dependent records, same shapes

Two folders (or fact sheet files holding several articles), paired by path::

    warnings: []
    articles_added: [relative/path.txt]
    articles_removed: [relative/other.txt]
    articles:                    # only the articles whose facts differ
    - path: relative/path.txt
      added: [...]
      removed: [...]
      changed: [...]

In folders, `a/x.txt` (an article, extracted here) pairs with `a/x.yaml` (a
fact sheet) on the other side: the key is the relative path without suffixes.
"""

from claimx.diff.inputs import Extractor, Version, compare_paths, is_sheet_file, read_sheet_file
from claimx.diff.pairing import POSITIONAL, diff_sheets, differing_fields, extractor_warnings
from claimx.diff.result import ArticleDiff, Change, Entry, Item, Report, SheetDiff
from claimx.diff.similarity import word_similarity, words_of
from claimx.diff.text_report import render_text, word_diff
from claimx.diff.yaml_report import diff_data, item_data, record_data, render_yaml, report_data

__all__ = [
    "POSITIONAL",
    "ArticleDiff",
    "Change",
    "Entry",
    "Extractor",
    "Item",
    "Report",
    "SheetDiff",
    "Version",
    "compare_paths",
    "diff_data",
    "diff_sheets",
    "differing_fields",
    "extractor_warnings",
    "is_sheet_file",
    "item_data",
    "read_sheet_file",
    "record_data",
    "render_text",
    "render_yaml",
    "report_data",
    "word_diff",
    "word_similarity",
    "words_of",
]
