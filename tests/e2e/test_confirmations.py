"""Irreversible actions ask first: dismissing the question changes nothing, accepting goes ahead.

The question is the button's data-confirm text, asked by one listener in static/js/shifan.js
(no inline script). A static check below lists the irreversible buttons that must carry one.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from shifan.applications.enums import Status
from shifan.applications.models import Application, ServedEnterprise
from tests.conftest import PASSWORD
from tests.factories import ApplicationFactory, make_submittable

ROOT = Path(__file__).resolve().parents[2]


def _answer(page, accept: bool, seen: list[str]) -> None:
    def handle(dialog):
        seen.append(f"{dialog.type}:{dialog.message}")
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", handle)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_submitting_an_application_asks_first(page, live_server, sign_in, personas, org_a, batch):
    draft = make_submittable(ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT,
                                                platform_name="甲示范平台"))
    sign_in("applicant_a", PASSWORD)
    page.goto(f"{live_server.url}/applicant/applications/{draft.pk}/")
    seen: list[str] = []

    _answer(page, False, seen)
    page.get_by_role("button", name="提交申报").click()
    page.wait_for_timeout(300)
    assert seen == ["confirm:确定要提交申报吗？此操作会通知相关单位。"]
    assert Application.objects.get(pk=draft.pk).status == Status.DRAFT
    assert page.url == f"{live_server.url}/applicant/applications/{draft.pk}/"

    _answer(page, True, seen)
    page.get_by_role("button", name="提交申报").click()
    expect(page.locator(".message.success")).to_contain_text("待县区初审")
    assert len(seen) == 2
    assert Application.objects.get(pk=draft.pk).status == Status.SUBMITTED


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_deleting_a_list_row_asks_first(page, live_server, sign_in, personas, org_a, batch):
    draft = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲示范平台")
    ServedEnterprise.objects.bulk_create([
        ServedEnterprise(application=draft, name=f"被服务企业{i}", satisfied=True, seq=i) for i in (1, 2)])
    sign_in("applicant_a", PASSWORD)
    page.goto(f"{live_server.url}/applicant/applications/{draft.pk}/sections/served/")
    first_row = page.locator("#list-served_smes tr", has_text="被服务企业1")
    seen: list[str] = []

    _answer(page, False, seen)
    first_row.get_by_role("button", name="删除").click()
    page.wait_for_timeout(300)
    assert seen == ["confirm:确定删除这一行吗？"]
    assert sorted(ServedEnterprise.objects.filter(application=draft).values_list("name", flat=True)) == [
        "被服务企业1", "被服务企业2"]

    _answer(page, True, seen)
    first_row.get_by_role("button", name="删除").click()
    expect(page.locator("#list-served_smes tr", has_text="被服务企业1")).to_have_count(0)
    assert list(ServedEnterprise.objects.filter(application=draft).values_list("name", flat=True)) == ["被服务企业2"]


# (template, the button's visible text): irreversible actions that must ask before they happen.
IRREVERSIBLE = [
    ("templates/components/actions.html", "{{ action.label }}"),  # submit, recommend, return, accept, decline …
    ("templates/components/score_page.html", "提交评分"),
    ("templates/components/dossier.html", "导入"),
    ("templates/components/attachment_files.html", "删除"),
    ("shifan/applicant/templates/applicant/section.html", "删除"),
    ("shifan/applicant/templates/applicant/list_import.html", None),
    ("shifan/bureau/templates/bureau/experts/import_report.html", None),
    ("shifan/bureau/templates/bureau/review/group.html", None),
    ("shifan/bureau/templates/bureau/review/proposed.html", None),
    ("shifan/bureau/templates/bureau/publicity/list.html", None),
    ("shifan/bureau/templates/bureau/publicity/detail.html", "报领导审批"),
    ("shifan/bureau/templates/bureau/publicity/objection.html", None),
    ("shifan/bureau/templates/bureau/recognitions/detail.html", None),
    ("shifan/bureau/templates/bureau/batches.html", None),
    ("shifan/bureau/templates/bureau/support/case.html", "不予采用"),
    ("shifan/bureau/templates/bureau/tracking/report.html", "结束整改"),
    ("shifan/portal/templates/portal/objection.html", "提交异议"),
    ("shifan/bureau/templates/bureau/lockouts.html", "解除锁定"),
]


@pytest.mark.parametrize(("template", "label"), IRREVERSIBLE)
def test_irreversible_buttons_carry_a_question(template, label):
    html = (ROOT / template).read_text(encoding="utf-8")
    buttons = re.findall(r"<button\b[^>]*>.*?</button>", html, re.S)
    if label is not None:
        buttons = [b for b in buttons if re.search(r">\s*" + re.escape(label) + r"\s*</button>", b)]
        assert buttons, f"{template}: no button 「{label}」"
    asking = [b for b in buttons if re.search(r'data-confirm="[^"]*[吗？?][^"]*"', b)]
    if label is None:
        assert asking, f"{template}: no button asks before acting"
    else:
        assert asking == buttons, f"{template}: 「{label}」 does not ask before acting"
