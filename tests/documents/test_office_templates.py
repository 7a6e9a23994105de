"""The committed Word templates are what tools/build_office_templates.py builds, and are sound."""

import pytest

from shifan.documents.docx import TEMPLATES_DIR
from shifan.documents.docx.authoring import docx_parts
from tests.documents.docx_reading import open_docx
from tools.build_office_templates import built, stale
from tools.office_templates import TEMPLATES

TAGS = {
    "application_report.docx": (
        "{{ applicant }}", "{{ filled_on }}", "{{ form.uscc }}", "{{ form.legal_id_number }}",
        "{{ form.equipment_share }}", "{{ form.staff_qualified_ratio }}", "{%tr for investor in investors %}",
        "{%tr for year in operations %}", "{%tr for product in products %}", "{{ partners.count }}",
        "{%tr for pair in partners.rows %}", "{%tr for activity in activities.rows %}", "{{ form.impact }}",
        "{%p for text in report.basics %}", "{%p for text in report.plans %}",
    ),
    "equipment_list.docx": (
        "{{ applicant }}", "{%tr for row in rows %}", "{{ row.purchased_on }}", "{%tr if not rows %}",
    ),
    "staff_list.docx": ("{{ applicant }}", "{%tr for row in rows %}", "{{ row.title_authority }}", "{{ row.contact }}"),
    "served_list.docx": ("{%tr for row in rows %}", "{{ row.satisfied }}", "{{ row.unsatisfied }}",
                         "{{ served_count }}", "{% if list_minimum %}"),
    "declaration.docx": ("{{ applicant }}", "{{ signer }}", "{{ signed_on }}"),
    "recommendation.docx": ("{{ applicant }}", "{{ department }}", "{{ filled_on }}", "{{ sample_minimum }}",
                            "{%tr for row in rows %}", "{{ row.method }}", "{{ row.mobile }}", "{{ row.satisfied }}",
                            "{%tr if not rows %}", "{{ impact }}", "{{ exemplarity }}", "{{ opinion }}",
                            "{{ opinion_date }}"),
    "review_score_sheet.docx": ("{{ title }}", "{{ applicant }}", "{%tr for row in rows %}", "{{ row.points }}",
                                "{%tr if not rows %}", "{{ total }}", "{{ comment }}", "{{ scorer }}",
                                "{{ submitted_on }}", "{{ signer_label }}"),
    "review_draw_record.docx": ("{{ seed }}", "{{ fingerprint }}", "{{ rules }}", "{{ verification }}",
                                "{%tr for c in candidates %}", "{%tr for e in exclusions %}", "{{ e.reasons }}",
                                "{%tr for d in drawn %}", "{{ d.answer }}"),
    "certificate.docx": ("{%p if mark %}", "【{{ mark }}】{{ mark_note }}", "{{ title }}", "{{ heading }}",
                         "{{ statement }}", "{{ platform_name }}", "{{ decision_number }}", "{{ valid_until }}",
                         "{{ verification_code }}", "{{ verification_url }}", "{{ qr }}", "{{ issued_on }}"),
    "publicity_notice.docx": ("{{ number }}", "{{ title }}", "{%p for text in body %}", "{{ text }}",
                              "{%tr for e in entries %}", "{{ e.platform }}", "{{ e.organization }}",
                              "{{ e.district }}", "{{ e.functions }}", "{%tr if not entries %}",
                              "{{ starts_on }}", "{{ ends_on }}", "{{ working_days }}", "{{ contact }}", "{{ url }}",
                              "{{ issuer }}", "{{ published_on }}"),
    "decision_notice.docx": ("{{ number }}", "{{ title }}", "{%p if addressee %}", "{{ addressee }}",
                             "{%p for text in body %}", "{{ attachment_title }}", "{{ issuer }}", "{{ decided_on }}",
                             "{%tr for e in entries %}", "{{ e.platform }}", "{{ e.functions }}", "{{ e.validity }}",
                             "{%tr if not entries %}"),
}


def test_every_template_is_built_by_the_script():
    assert sorted(TEMPLATES) == sorted(path.name for path in TEMPLATES_DIR.glob("*.docx")) == sorted(TAGS)


def test_the_committed_templates_are_what_the_script_builds():
    # Compared part by part: zip bytes depend on the zlib version, the parts do not.
    assert stale() == [], "run: .venv/bin/python tools/build_office_templates.py"


def test_building_twice_gives_identical_files():
    assert built() == built()


@pytest.mark.parametrize("name", sorted(TAGS))
def test_a_template_holds_its_tags_each_in_one_run(name):
    document = open_docx((TEMPLATES_DIR / name).read_bytes())
    texts = {node.text for node in document.element.body.iter() if node.tag.endswith("}t") and node.text}
    text = " ".join(texts)
    assert [tag for tag in TAGS[name] if tag not in text] == []


@pytest.mark.parametrize("name", sorted(TAGS))
def test_a_template_is_a4_zh_cn_without_a_japanese_theme(name):
    parts = docx_parts((TEMPLATES_DIR / name).read_bytes())
    assert not any("theme" in part for part in parts)
    settings = parts["word/settings.xml"].decode()
    assert '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>' in settings
    assert "ja-JP" not in "".join(data.decode() for path, data in parts.items() if path.endswith(".xml"))
    section = open_docx((TEMPLATES_DIR / name).read_bytes()).sections[0]
    assert (section.page_width.twips, section.page_height.twips, section.top_margin.twips,
            section.bottom_margin.twips, section.left_margin.twips, section.right_margin.twips) == (
        11906, 16838, 2098, 1984, 1587, 1474)
