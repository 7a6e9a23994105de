"""Template filters that link citations of the regulation to its text on /regulation/.

``{{ text|regulation_links }}`` escapes the text and links every 第X条（Y） and 附件N in it;
``{{ row.article|article_link }}`` links one citation (the engine's "五(一)" too), keeping its text.
"""

from functools import lru_cache

from django import template
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from shifan.policies.articles import anchor_for, references

register = template.Library()


@lru_cache(maxsize=8)
def _regulation_page(script_prefix: str) -> str:
    """The regulation page's URL under a script prefix: reversed once, not once per citation (a page
    links a citation per eligibility row and per indicator)."""
    try:
        return reverse("portal:regulation")
    except NoReverseMatch:  # pragma: no cover - the portal is always installed
        return "/regulation/"


def regulation_url(anchor: str) -> str:
    base = _regulation_page(get_script_prefix())
    return f"{base}#{anchor}" if anchor else base


@register.filter
def regulation_links(text):
    """The text, escaped, with each citation of the regulation a link to its anchor."""
    if text is None or text == "":
        return ""
    return _linked(text, get_script_prefix())


# typed: a SafeString and a str of the same text render differently (the first is not escaped again).
@lru_cache(maxsize=4096, typed=True)
def _linked(text: str, script_prefix: str) -> str:
    """``regulation_links`` of a non-empty text, once per text and script prefix: the texts are the
    regulation's own (indicator guidance, help pages), few and fixed, and finding and linking their
    citations cost a score sheet more than building its inputs. Pure."""
    plain = str(text)
    spans = references(plain)
    if not spans:
        return conditional_escape(text)
    parts, position = [], 0
    for start, end, anchor in spans:
        parts.append(conditional_escape(plain[position:start]))
        parts.append(format_html('<a class="article-link" href="{}">{}</a>', regulation_url(anchor), plain[start:end]))
        position = end
    parts.append(conditional_escape(plain[position:]))
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - every part is escaped or format_html


@register.filter
def article_link(reference):
    """One citation as a link to its anchor (its text unchanged); plain text when it cites nothing known."""
    anchor = anchor_for(str(reference or ""))
    if not anchor:
        return conditional_escape(reference or "")
    return format_html('<a class="article-link" href="{}">{}</a>', regulation_url(anchor), reference)


@register.filter
def cite_link(text):
    """A separate link "查看第八条原文" to the first citation in a text ("" when it cites nothing):
    for labels that must stay plain text, such as the formal check's items."""
    plain = str(text or "")
    spans = references(plain)
    if not spans:
        return ""
    start, end, anchor = spans[0]
    return format_html(' <a class="article-link cite" href="{}">查看{}原文</a>', regulation_url(anchor),
                       plain[start:end])


@register.filter
def hint_links(text):
    """A field's help text: when it opens with a citation ("第五条（一）：…", "附件2 申请表一：…", the form of
    ``policies.hints``) that citation and those in the rest become links; any other help text stays plain."""
    plain = str(text or "")
    head, colon, _ = plain.partition("：")
    spans = references(head) if colon and len(head) <= 20 else []
    if not spans or spans[0][0] != 0:
        return conditional_escape(text or "")
    return regulation_links(text)
