"""References to the regulation's articles, conditions and attachment forms, and their anchors.

The portal's regulation page (/regulation/) gives each article ``id="article-5"``, each numbered
condition or item of an article ``id="article-5-2"`` (第五条（二）) and each attachment form
``id="attachment-5"``. Hints, eligibility rows and checks cite the regulation in the forms
"第五条（二）", "第五条(三)(六)", "五(一)" (the eligibility engine's short form) or "附件5"; these
functions turn such a citation into its anchor. Pure functions, no side effects.
"""

import re

NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN = "一二三四五六七八九十"

# 第五条, 第五条（二）, 第八条（二）（三）（四）, 第五条(三)(六)
ARTICLE_REFERENCE = re.compile(rf"第([{CN}]+)条((?:\s*[（(][{CN}]+[）)])*)")
ITEM = re.compile(rf"[（(]([{CN}]+)[）)]")
# 附件5, 附件 1
ATTACHMENT_REFERENCE = re.compile(r"附件\s*([1-6])")
# the engine's short form: 五(一), 五（三）
SHORT_REFERENCE = re.compile(rf"^([{CN}]+)\s*[（(]([{CN}]+)[）)]$")
# an item paragraph of the regulation: （一）信息查询…, (三)各县区…
ITEM_START = re.compile(rf"^\s*[（(]([{CN}]+)[）)]")


def chinese_number(text: str) -> int:
    """一 → 1, 十 → 10, 十四 → 14, 二十一 → 21 (numbers of chapters, articles and items)."""
    if "十" not in text:
        return NUMERALS[text]
    tens, _, units = text.partition("十")
    return (NUMERALS[tens] if tens else 1) * 10 + (NUMERALS[units] if units else 0)


def article_anchor(article: int, item: int | None = None) -> str:
    return f"article-{article}" if item is None else f"article-{article}-{item}"


def anchor_for(reference: str) -> str:
    """The anchor on /regulation/ of a citation ("" when the text cites nothing known).

    "第五条（二）" and "五(二)" → ``article-5-2``; "第五条" → ``article-5``; "第五条(三)(六)" → the first
    item, ``article-5-3``; "附件5" → ``attachment-5``; "附件2 申请表 一；第五条(一)" → ``attachment-2``
    (the first citation wins).
    """
    text = (reference or "").strip()
    short = SHORT_REFERENCE.match(text)
    if short:
        return article_anchor(chinese_number(short.group(1)), chinese_number(short.group(2)))
    if text in CN or (text and all(ch in CN for ch in text)):
        return article_anchor(chinese_number(text))
    found = [(m.start(), m) for m in (ARTICLE_REFERENCE.search(text), ATTACHMENT_REFERENCE.search(text)) if m]
    if not found:
        return ""
    _, match = min(found, key=lambda pair: pair[0])
    if match.re is ATTACHMENT_REFERENCE:
        return f"attachment-{match.group(1)}"
    items = ITEM.findall(match.group(2))
    return article_anchor(chinese_number(match.group(1)), chinese_number(items[0]) if items else None)


def references(text: str) -> list[tuple[int, int, str]]:
    """Every citation in a text as (start, end, anchor), in order; an article with several items gives
    one entry per item (第八条（二）（三） → article-8-2 over "第八条（二）", article-8-3 over "（三）")."""
    found: list[tuple[int, int, str]] = []
    for match in ARTICLE_REFERENCE.finditer(text or ""):
        article = chinese_number(match.group(1))
        items = list(ITEM.finditer(match.group(2)))
        if not items:
            found.append((match.start(), match.end(), article_anchor(article)))
            continue
        offset = match.start(2)
        for index, item in enumerate(items):
            start = match.start() if index == 0 else offset + item.start()
            found.append((start, offset + item.end(), article_anchor(article, chinese_number(item.group(1)))))
    for match in ATTACHMENT_REFERENCE.finditer(text or ""):
        found.append((match.start(), match.end(), f"attachment-{match.group(1)}"))
    found.sort()
    # drop overlaps (none expected: an attachment citation never sits inside an article citation)
    result, end = [], -1
    for start, stop, anchor in found:
        if start >= end:
            result.append((start, stop, anchor))
            end = stop
    return result
