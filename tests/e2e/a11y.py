"""The accessibility check of the browser tests: axe-core (tests/e2e/vendor, never served) run in the page.

The product's Content-Security-Policy has ``script-src 'self'`` and no 'unsafe-inline', so
``page.add_script_tag(path=...)`` (which inserts the file's text as an inline <script>) is refused.
``page.evaluate(source)`` runs through the DevTools protocol in the page's context and is not
subject to the page's CSP, so axe is loaded that way and the policy stays on while the check runs.
"""

from pathlib import Path

AXE_PATH = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA (GB/T 37668-2019 follows WCAG 2.0 AA).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
# Structure rules axe files under "best-practice" (not WCAG success criteria on their own) that the
# brief asks for: landmarks, one <h1>, heading order, a working skip link. Any impact fails.
STRUCTURE_RULES = {
    "landmark-one-main", "landmark-no-duplicate-main", "landmark-unique", "landmark-banner-is-top-level",
    "landmark-contentinfo-is-top-level", "landmark-main-is-top-level", "page-has-heading-one", "heading-order",
    "empty-heading", "skip-link", "region", "empty-table-header",
}

_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, tags: v.tags,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html.slice(0, 200),
                              summary: (n.failureSummary || "").slice(0, 300)})),
  }));
}"""


def inject_axe(page) -> None:
    """Loads axe into the current document (once per document)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_PATH.read_text(encoding="utf-8"))


def axe_violations(page, *, blocking_only: bool = True) -> list[dict]:
    """Runs axe with the WCAG 2.x A/AA rules and the structure rules; returns the violations.

    By default only what fails the check: WCAG violations of impact serious or critical, and any
    violation of STRUCTURE_RULES. With ``blocking_only=False``, everything axe reports.
    """
    inject_axe(page)
    violations = page.evaluate(_RUN, [*AXE_TAGS, "best-practice"])
    if blocking_only:
        violations = [
            v for v in violations
            if v["id"] in STRUCTURE_RULES or (v["impact"] in BLOCKING_IMPACTS and set(v["tags"]) & set(AXE_TAGS))
        ]
    return violations


def has_horizontal_scroll(page) -> bool:
    """True when the page is wider than the viewport (a sideways scroll bar)."""
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")


def describe(url: str, violations: list[dict]) -> str:
    """One readable block per page: rule, impact, help and the offending elements."""
    lines = [f"{url}:"]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']}")
        for node in v["nodes"][:8]:
            lines.append(f"      {node['target']}  {node['html']}")
            if node["summary"]:
                lines.append(f"        {node['summary'].replace(chr(10), ' / ')}")
        if len(v["nodes"]) > 8:
            lines.append(f"      … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)
