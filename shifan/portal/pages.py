"""Public reading pages: the regulation's text (洪企服规〔2022〕3号) and the batches' 申报通知.

The regulation is rendered from ``content/regulation.txt``, a verbatim copy of the published
text with its six attachment forms. Each article gets an anchor (``#article-5`` for 第五条), each
numbered condition or item of an article ``#article-5-2`` (第五条（二）), each chapter ``#chapter-3``
and each attachment ``#attachment-2``, so other pages link to the rule they apply (the scheme of
``policies.articles``, which the hints and eligibility rows use).
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from shifan.batches.models import Batch
from shifan.policies.articles import ITEM_START, article_anchor
from shifan.recognition.queries import public_revocations

REGULATION_FILE = Path(__file__).resolve().parent / "content" / "regulation.txt"
NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_CHAPTER = re.compile(r"^第([一二三四五六七八九十]+)章\s*(.*)$")
_ARTICLE = re.compile(r"^(第([一二三四五六七八九十]+)条)\s*(.*)$")
_ATTACHMENT = re.compile(r"^附件\s*(\d+)$")


def chinese_number(text: str) -> int:
    """一 → 1, 十 → 10, 十四 → 14, 二十一 → 21 (the numbers of chapters and articles)."""
    if "十" not in text:
        return NUMERALS[text]
    tens, _, units = text.partition("十")
    return (NUMERALS[tens] if tens else 1) * 10 + (NUMERALS[units] if units else 0)


@dataclass
class Block:
    """One piece of the text: a heading, a paragraph, a list or a form's table."""

    kind: str  # title, chapter, attachment, paragraph, list, table
    text: str = ""
    label: str = ""  # 第五条 at the start of an article's first paragraph
    anchor: str = ""
    items: list = field(default_factory=list)  # list items, or table rows (lists of cells)
    entries: list = field(default_factory=list)  # a list's items as (anchor, text), anchors of numbered items


@dataclass
class Section:
    """An article with its paragraphs (or a run of text outside any article)."""

    anchor: str = ""
    label: str = ""
    number: int = 0
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Chapter:
    """A chapter in the table of contents, with its articles."""

    anchor: str
    label: str
    articles: list[Section] = field(default_factory=list)


def _paragraph_block(lines: list[str]) -> Block:
    if any("\t" in line for line in lines):
        rows = [[cell.strip() for cell in line.rstrip("\t").split("\t")] for line in lines]
        width = max(len(row) for row in rows)
        return Block("table", items=[row + [""] * (width - len(row)) for row in rows])
    if all(line.startswith("- ") for line in lines):
        return Block("list", items=[line[2:].strip() for line in lines])
    return Block("paragraph", text="\n".join(line.strip() for line in lines))


@lru_cache(maxsize=1)
def regulation_sections() -> tuple[list[Section], list[Chapter]]:
    """The text as sections, and the table of contents (chapters with their articles and anchors)."""
    text = REGULATION_FILE.read_text(encoding="utf-8")
    chunks = [chunk.split("\n") for chunk in re.split(r"\n\s*\n", text.strip("\n"))]
    sections: list[Section] = [Section()]
    contents: list[Chapter] = []
    for lines in chunks:
        lines = [line for line in lines if line.strip()]
        if not lines:
            continue
        first = lines[0].strip()
        chapter, article, attachment = _CHAPTER.match(first), _ARTICLE.match(first), _ATTACHMENT.match(first)
        if len(lines) == 1 and chapter:
            number = chinese_number(chapter.group(1))
            sections.append(Section())
            sections[-1].blocks.append(Block("chapter", text=first, anchor=f"chapter-{number}"))
            contents.append(Chapter(anchor=f"chapter-{number}", label=first))
        elif first.startswith("附件："):  # the list of attachments closes the regulation, outside any article
            sections.append(Section())
            sections[-1].blocks.append(_paragraph_block(lines))
        elif len(lines) == 1 and attachment:
            number = int(attachment.group(1))
            sections.append(Section())
            sections[-1].blocks.append(Block("attachment", text=f"附件{number}", anchor=f"attachment-{number}"))
        elif article:
            number = chinese_number(article.group(2))
            section = Section(anchor=f"article-{number}", label=article.group(1), number=number)
            rest = [article.group(3), *lines[1:]] if article.group(3) else lines[1:]
            section.blocks.append(Block("paragraph", text="\n".join(x.strip() for x in rest), label=article.group(1)))
            sections.append(section)
            if contents:
                contents[-1].articles.append(section)
        else:
            sections[-1].blocks.append(_paragraph_block(lines))
    for section in sections:
        if section.number:
            _anchor_items(section)
    return [s for s in sections if s.blocks], contents


def _item_anchor(number: int, text: str) -> str:
    match = ITEM_START.match(text)
    return article_anchor(number, chinese_number(match.group(1))) if match else ""


def _anchor_items(section: Section) -> None:
    """Give the article's numbered paragraphs and list items (（一）…) their anchors, e.g. ``article-5-2``."""
    for block in section.blocks:
        if block.kind == "paragraph" and not block.label:
            block.anchor = _item_anchor(section.number, block.text)
        elif block.kind == "list":
            block.entries = [(_item_anchor(section.number, item), item) for item in block.items]


@login_not_required
@require_GET
def regulation(request):
    sections, contents = regulation_sections()
    return render(request, "portal/regulation.html", {
        "sections": sections, "contents": contents, "portal_section": "regulation",
    })


def published_notices():
    """The 申报通知 of every batch that has opened (a batch in preparation is not yet public), newest first."""
    return Batch.objects.exclude(state=Batch.State.PREPARING).order_by("-year", "-opens_at")


@login_not_required
@require_GET
def notices(request):
    return render(request, "portal/notices.html", {
        "notices": list(published_notices()), "portal_section": "notices",
        "revocations": list(public_revocations()[:50]),
    })
