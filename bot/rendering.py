"""Answers and reports to Discord-ready text through Jinja2 templates.

Templates ship as package data; an admin may point `[templates] path` at a
folder whose files override them by name. The environment is sandboxed (admin
templates are code), uses StrictUndefined (a typo fails loudly, in tests),
never HTML-autoescapes (Discord is markdown, "&amp;" would show literally), and
escapes every printed value exactly once through `finalize`. Values the renderer
builds as markup on purpose (a checked URL) are wrapped in `Raw`.

Replies stay within Discord's 2000 characters by shortening quotes, never by
cutting the text after rendering, so a citation is never cut and an escape is
never split.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from bot.errors import TemplateError
from bot.escaping import escape, one_line
from bot.models import Answer, Citation, Document, LoadReport, Quote, Span, Status, Summary

log = logging.getLogger(__name__)

_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")  # a quote is one line

MESSAGE_LIMIT = 2000  # Discord's limit for message content, in characters
TITLE_LIMIT = 120  # a title, path or subject stays one readable line
SECTION_LIMIT = 60  # the heading a quote is from, shown beside its location
TEMPLATES = (
    "answer.md.j2",
    "no_answer.md.j2",
    "summary.md.j2",
    "passages.md.j2",
    "sources.md.j2",
    "report.md.j2",
    "status.md.j2",
)
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`]+$")
ELLIPSIS = "…"


class Raw(str):
    """Text the renderer built as markup on purpose: printed without escaping."""

    __slots__ = ()


def _finalize(value: object) -> object:
    if isinstance(value, Raw):
        return value
    if isinstance(value, str):
        return escape(value)
    return value


PASSAGE_PAGES = 3  # messages one "Show passages" click sends at most (webhooks are rate-limited)


@dataclass(frozen=True, slots=True)
class Rendered:
    """A reply and whether its quotes had to be shortened to fit."""

    text: str
    shortened: bool = False


class Renderer:
    """Renders the core's results with the built-in templates or an admin's overrides."""

    def __init__(self, override_dir: Path | None = None, limit: int = MESSAGE_LIMIT) -> None:
        self.limit = limit
        self._builtin = self._environment(jinja2.PackageLoader("bot", "templates"))
        self._override = None
        if override_dir is not None:
            if not override_dir.is_dir():
                raise TemplateError(f"template folder not found: {override_dir}")
            self._override = self._environment(jinja2.FileSystemLoader(str(override_dir)))
        for name in TEMPLATES:
            self._builtin.get_template(name)  # a broken built-in template is a bug: fail now

    @staticmethod
    def _environment(loader: jinja2.BaseLoader) -> ImmutableSandboxedEnvironment:
        return ImmutableSandboxedEnvironment(
            loader=loader,
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def render(self, name: str, context: Mapping[str, Any]) -> str:
        """Render one template, preferring the admin's version and falling back on error."""
        if self._override is not None:
            try:
                return self._override.get_template(name).render(context).strip()
            except jinja2.TemplateNotFound:
                pass
            except Exception:  # an admin's template must never take answering down
                log.exception("template override %s failed; using the built-in one", name)
        try:
            return self._builtin.get_template(name).render(context).strip()
        except Exception as exc:
            raise TemplateError(f"template {name} failed: {exc}") from exc

    # --- answers -------------------------------------------------------------------------

    def answer(self, answer: Answer) -> Rendered:
        """The reply to a question, within the message limit (a summary asked for: that)."""
        if answer.summary is not None:
            return self.summary(answer.summary)
        read_as = _read_as(answer.read_as)
        if not answer.answered:
            context = {
                "question": one_line(answer.question),
                "reason": answer.reason,
                "closest": [document_context(d) for d in answer.closest],
                "documents_searched": answer.documents_searched,
                "read_as": read_as,
            }
            return self._fit("no_answer.md.j2", context)
        base = {"question": one_line(answer.question), "read_as": read_as}
        return self._fit_quotes("answer.md.j2", base, answer.quotes, answer.citations)

    def summary(self, summary: Summary) -> Rendered:
        """A cited extractive summary (or why there is none), within the message limit."""
        document = summary.document
        base = {
            "kind": summary.kind,
            "subject": _bounded(one_line(summary.subject), TITLE_LIMIT),
            "document": document_context(document) if document else None,
            "found": summary.found,
            "read_as": _read_as(summary.read_as),
            "omitted": summary.omitted,
        }
        return self._fit_quotes("summary.md.j2", base, summary.quotes, summary.citations)

    def passages(self, citations: Sequence[Citation], most: int = PASSAGE_PAGES) -> list[Rendered]:
        """The full passages behind an answer's citations ("Show passages"), in as many
        messages as they need, up to `most`: a summary cites a dozen, more than one message
        holds. A passage too long for a message of its own is shortened; the last message
        says how many passages it leaves out."""
        pages: list[list[Citation]] = []
        for citation in citations:
            # Room is kept for the note of what is left out, so that adding it cuts nothing.
            grown = self._fit_passages([*(pages[-1] if pages else []), citation], len(citations))
            if pages and not grown.shortened:
                pages[-1].append(citation)
            elif len(pages) < most:
                pages.append([citation])
            else:
                break
        shown = sum(len(page) for page in pages)
        return [
            self._fit_passages(page, len(citations) - shown if n == len(pages) else 0)
            for n, page in enumerate(pages, start=1)
        ]

    def _fit_passages(self, citations: Sequence[Citation], hidden: int = 0) -> Rendered:
        quotes = [Quote((Span(c.passage.text),), c.n) for c in citations]  # lines as one quote
        return self._fit_quotes("passages.md.j2", {"hidden": hidden}, quotes, citations)

    def _fit_quotes(
        self,
        name: str,
        base: Mapping[str, Any],
        quotes: Sequence[Quote],
        citations: Sequence[Citation],
    ) -> Rendered:
        """Render quotes and their citations, shortening quotes (never citations) to fit."""
        kept = [list(q.spans) for q in quotes]
        shortened = False
        while True:
            shown = [(spans, q) for spans, q in zip(kept, quotes, strict=True) if spans]
            cited = {q.citation for _, q in shown}
            kept_citations = [citation_context(c) for c in citations if c.n in cited]
            context = {
                **base,
                "quotes": [quote_context(spans, q) for spans, q in shown],
                "citations": kept_citations,
                "sources": group_by_document(kept_citations),
            }
            text = self.render(name, context)
            if len(text) <= self.limit:
                return Rendered(text, shortened)
            shortened = True
            if not _shorten(kept, len(text) - self.limit):
                return Rendered(_hard_cut(text, self.limit), True)

    def sources(self, documents: Sequence[Document], query: str | None, total: int) -> Rendered:
        """The list of known documents (or those matching `query`)."""
        shown = list(documents)
        while True:
            context = {
                "query": one_line(query) if query else "",
                "documents": [document_context(d) for d in shown],
                "total": total,
                "hidden": len(documents) - len(shown),
            }
            text = self.render("sources.md.j2", context)
            if len(text) <= self.limit or not shown:
                return Rendered(_hard_cut(text, self.limit), len(shown) < len(documents))
            shown = shown[: max(0, min(len(shown) - 1, len(shown) * self.limit // len(text)))]

    def report(
        self,
        report: LoadReport | None,
        title: str = "Knowledge folder loaded",
        changes: Mapping[str, Sequence[str]] | None = None,
        error: str = "",
    ) -> Rendered:
        """A load or reload report within the limit: counts, changes, then skipped files.

        `report` None: the folder could not be read, so there are no counts to give.
        `changes` maps "added", "changed", "removed" to document paths; `error` says why
        the old index was kept. Long lists are cut to their first entries, with a count.
        """
        outcomes = report.outcomes if report else ()
        problems = [o for o in outcomes if o.status is Status.SKIPPED]
        changes = changes or {}
        shown = max(len(problems), *(len(v) for v in changes.values()), 0)
        while True:
            context = {
                "title": title,
                "error": error,
                "read": report is not None,
                "loaded": sum(o.status is Status.LOADED for o in outcomes),
                "skipped": len(problems),
                "ignored": sum(o.status is Status.IGNORED for o in outcomes),
                "problems": [
                    {"path": one_line(o.path), "reason": o.reason} for o in problems[:shown]
                ],
                "hidden": max(0, len(problems) - shown),
                "changes": [
                    {
                        "kind": kind,
                        "paths": [one_line(p) for p in paths[:shown]],
                        "hidden": max(0, len(paths) - shown),
                    }
                    for kind, paths in changes.items()
                    if paths
                ],
                "seconds": round(report.seconds, 2) if report else 0,
            }
            text = self.render("report.md.j2", context)
            if len(text) <= self.limit or shown == 0:
                return Rendered(_hard_cut(text, self.limit), shown < len(problems))
            shown = min(shown - 1, shown * self.limit // len(text))

    def status(self, context: Mapping[str, Any]) -> Rendered:
        """The /status reply."""
        return self._fit("status.md.j2", context)

    def _fit(self, name: str, context: Mapping[str, Any]) -> Rendered:
        text = self.render(name, context)
        return Rendered(_hard_cut(text, self.limit), len(text) > self.limit)


def _read_as(pairs: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"typed": typed, "meant": meant} for typed, meant in pairs]


def quote_context(spans: Sequence[Span], quote: Quote) -> dict[str, Any]:
    """A quote's values; `named`: it opens with its speaker's name ("Councillor Dobbs reported
    that …"), so a list need not put the name before it again; `continues`: it begins inside
    a quotation, so it is shown opening one with an ellipsis (“…At the same time, …”);
    `closes`: what is shown after it when it ends inside a quotation, an ellipsis (unless
    cut with one) and the closing mark (told the panel: "I am not going to pretend it was
    acceptable. …"), else ""."""
    shown = "".join(s.text for s in spans)
    mark = _still_open(shown)
    speaker = quote.speaker or ""
    return {
        "spans": [{"text": _LINE_BREAK.sub(" ", s.text), "match": s.match} for s in spans],
        "n": quote.citation,
        "speaker": speaker,
        "named": bool(speaker) and _opens_with(quote.text, speaker),
        "continues": bool(_INSIDE_QUOTATION.match(quote.text)),
        "closes": (mark if shown.endswith(ELLIPSIS) else f" {ELLIPSIS}{mark}") if mark else "",
        "item": one_line(quote.item or ""),
    }


# A quote that begins inside a quotation: its first curly quotation mark closes one, after
# the quotation's last word and stop ("… global challenges,” said Chen Jiachang"), not an
# inch mark ("a 12” drain") nor a mark curled the wrong way (”minor works”).
_INSIDE_QUOTATION = re.compile(r"[^“”]*\w[,.!?;:…]”")


# A straight quotation mark that opens a quotation: at the start, or after a space or bracket.
_OPENING_STRAIGHT = re.compile(r'(?:^|(?<=[\s(\[]))"(?=\S)')


def _still_open(text: str) -> str:
    """The mark that closes the quotation `text` ends inside, or "" when it ends outside
    one: its last curly opening mark has no closing one after it, or its straight marks are
    odd in number and the last of them opens."""
    if text.rfind("“") > text.rfind("”"):
        return "”"
    last = text.rfind('"')
    if text.count('"') % 2 and _OPENING_STRAIGHT.match(text, last):
        return '"'
    return ""


def _opens_with(text: str, name: str) -> bool:
    """Whether `text` opens with the whole of `name` ("Ann said", not "Annual")."""
    return bool(re.match(re.escape(name) + r"(?!\w)", text, re.I))


def citation_context(citation: Citation) -> dict[str, Any]:
    """A citation's values; `section`: its heading, bounded, where it is not the title (an
    answer names the item a quote is from: "Item 9: Complaints against the Commissioner")."""
    passage = citation.passage
    context = document_context(passage.document)
    heading = one_line(passage.heading or "")
    context.update(
        n=citation.n,
        location=passage.location,
        heading=heading,
        section=""
        if heading == one_line(passage.document.title)
        else _bounded(heading, SECTION_LIMIT),
        speaker=one_line(passage.speaker or ""),
    )
    return context


def group_by_document(citations: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Citations grouped by document, in order of first citation: one source line each. A
    section is named once a line ("[1] ¶1, “5. Rents” · [2] ¶6 — Minutes")."""
    groups: dict[str, dict[str, Any]] = {}
    for c in citations:
        group = groups.setdefault(c["path"], {**c, "citations": []})
        named = any(
            c.get("section") and c["section"] == o.get("section") for o in group["citations"]
        )
        group["citations"].append({**c, "section": ""} if named else c)
    return list(groups.values())


def document_context(document: Document) -> dict[str, Any]:
    """What templates may show of a document; every value single-line and bounded."""
    return {
        "title": _bounded(one_line(document.title), TITLE_LIMIT),
        "path": one_line(document.path),  # whole: it tells documents apart (and is typed)
        "date": document.date or "",
        "url": safe_url(document.url),
        "meeting": _bounded(one_line(document.meeting or ""), TITLE_LIMIT),
        "place": _bounded(one_line(document.place or ""), TITLE_LIMIT),
    }


def _bounded(text: str, limit: int) -> str:
    """`text`, or as many of its first `limit` characters as end a word, and an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:–—-") + ELLIPSIS


def safe_url(url: str | None) -> Raw:
    """A link wrapped in <> (no preview), or nothing when it is not a plain http(s) URL."""
    if url and len(url) <= 512 and _SAFE_URL.match(url):
        return Raw(f"<{url}>")
    return Raw("")


def _shorten(quotes: list[list[Span]], excess: int) -> bool:
    """Shorten the longest quote by about `excess` characters at a word boundary.

    Escaping can make the rendered text longer than the raw text, so callers
    re-render and call again until it fits. Returns False when nothing is left to cut.
    """
    lengths = [sum(len(s.text) for s in spans) for spans in quotes]
    if not lengths or max(lengths) <= 1:
        return False
    i = max(range(len(quotes)), key=lengths.__getitem__)
    if sum(1 for n in lengths if n) > 1 and lengths[i] < excess:
        quotes[i] = []  # dropping a whole quote is better than a stump
        return True
    target = max(1, lengths[i] - max(excess, 16) - len(ELLIPSIS))
    shorter = _truncate_spans(quotes[i], target)
    if sum(len(s.text) for s in shorter) >= lengths[i]:  # a stump ("A…") cut no further
        if sum(1 for n in lengths if n) > 1:
            quotes[i] = []
            return True
        return False  # the caller cuts the text itself: an admin's template is too long
    quotes[i] = shorter
    return True


def _truncate_spans(spans: list[Span], limit: int) -> list[Span]:
    """Keep at most `limit` characters of spans, cut at a space, with an ellipsis."""
    kept: list[Span] = []
    used = 0
    for span in spans:
        if used + len(span.text) <= limit:
            kept.append(span)
            used += len(span.text)
            continue
        room = limit - used
        cut = span.text[:room]
        if " " in cut and not span.match:
            cut = cut[: cut.rfind(" ")]
        if cut and not span.match:
            kept.append(Span(cut))
        break
    kept.append(Span(ELLIPSIS))
    return kept


def _hard_cut(text: str, limit: int) -> str:
    """Last resort for oversized admin templates: cut at a line end, never mid-escape."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    newline = cut.rfind("\n")
    if newline > limit // 2:
        cut = cut[:newline]
    while cut.endswith("\\"):
        cut = cut[:-1]
    return cut + ELLIPSIS
