"""Downloading the city review's documents: the bureau's sheet, summary and draw record; the expert's own sheet."""

import io
from decimal import Decimal
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook

from shifan.applications.enums import Status
from shifan.audit.models import AuditEvent
from shifan.city_review.domain.draws import draw_experts
from shifan.city_review.models import Score
from tests.documents.docx_reading import body_paragraphs, open_docx
from tests.factories import ApplicationFactory
from tests.review_factories import make_expert, make_group, put_in_group, seat_expert, submit_score

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OUTSIDERS = ("applicant_a", "applicant_b", "officer_x", "officer_y", "bureau_admin", "agency", "auditor")


@pytest.fixture
def panel(batch, personas, org_a):
    """A's application in review; expert_1 submitted 80 points, expert_2 sits on the same panel with a draft."""
    officer = personas["bureau_officer"]
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.IN_REVIEW, platform_name="甲平台")
    group = make_group(batch, actor=officer, panel_size=2, name="第一组")
    put_in_group(application, group, officer)
    seat_1 = seat_expert(group, make_expert(user=personas["expert_1"], name="专家一"), actor=officer)
    seat_2 = seat_expert(group, make_expert(user=personas["expert_2"], name="专家二"), actor=officer)
    submitted = submit_score(application, group=group, scorer=personas["expert_1"], seat=seat_1, points=Decimal(80))
    draft = Score.objects.create(group=group, application=application, seat=seat_2, scorer=personas["expert_2"])
    return {"application": application, "group": group, "submitted": submitted, "draft": draft}


def _file_name(response) -> str:
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    return unquote(disposition.split("''", 1)[1])


def _assert_private(response) -> None:
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


# --- the bureau -----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["bureau_officer", "bureau_head"])
def test_bureau_staff_download_a_submitted_sheet(client_for, panel, persona, batch):
    response = client_for(persona).get(f"/bureau/review/documents/scores/{panel['submitted'].pk}.docx")
    assert (response.status_code, response["Content-Type"]) == (200, DOCX)
    _assert_private(response)
    assert _file_name(response) == f"专家评分表-专家一-甲平台-{batch.year}.docx"
    assert "专家评分表" in body_paragraphs(open_docx(response.content))
    event = AuditEvent.objects.get(event="review.score_sheet_downloaded")
    assert (event.actor_label, event.data["score"]) == (persona, panel["submitted"].pk)


def test_a_draft_sheet_sends_the_bureau_back_to_the_sheet_with_the_reason(client_for, panel):
    client = client_for("bureau_officer")
    url = f"/bureau/review/documents/scores/{panel['draft'].pk}.docx"
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, f"/bureau/review/scores/{panel['draft'].pk}/")
    assert "评分表尚未提交，提交后才能下载。" in client.get(response["Location"]).content.decode()
    assert client.get("/bureau/review/documents/scores/999999.docx").status_code == 404
    assert not AuditEvent.objects.filter(event="review.score_sheet_downloaded").exists()


@pytest.mark.parametrize("persona", ["bureau_officer", "bureau_head"])
def test_bureau_staff_download_the_summary_of_the_chosen_batch(client_for, panel, persona, batch):
    client = client_for(persona)
    response = client.get(f"/bureau/review/documents/summary.xlsx?batch={batch.pk}")
    assert (response.status_code, response["Content-Type"]) == (200, XLSX)
    _assert_private(response)
    assert _file_name(response) == f"评审汇总表-{batch.year}.xlsx"
    rows = list(load_workbook(io.BytesIO(response.content))["评审汇总表"].iter_rows(values_only=True))
    assert [row[1] for row in rows] == ["平台名称", "甲平台"]
    assert client.get("/bureau/review/documents/summary.xlsx").status_code == 200  # the latest batch
    assert client.get("/bureau/review/documents/summary.xlsx?batch=999999").status_code == 404
    assert AuditEvent.objects.filter(event="review.summary_downloaded", actor_label=persona).count() == 2


@pytest.mark.parametrize("persona", ["bureau_officer", "bureau_head"])
def test_bureau_staff_download_a_draw_record(client_for, batch, personas, persona):
    officer = personas["bureau_officer"]
    application = ApplicationFactory(batch=batch, status=Status.IN_REVIEW)
    group = make_group(batch, actor=officer, panel_size=2, name="第二组")
    put_in_group(application, group, officer)
    for _ in range(3):
        make_expert()
    draw = draw_experts(group, actor=officer)
    response = client_for(persona).get(f"/bureau/review/documents/draws/{draw.pk}.docx")
    assert (response.status_code, response["Content-Type"]) == (200, DOCX)
    _assert_private(response)
    assert _file_name(response) == f"专家抽取记录-{batch.year}-第二组-{draw.pk}.docx"
    assert "专家抽取记录" in body_paragraphs(open_docx(response.content))
    assert AuditEvent.objects.get(event="review.draw_record_downloaded").actor_label == persona
    assert client_for(persona).get("/bureau/review/documents/draws/999999.docx").status_code == 404


@pytest.mark.parametrize("persona", (*OUTSIDERS, "expert_1"))
def test_nobody_else_gets_the_bureau_documents(client_for, panel, persona, batch):
    client = client_for(persona)
    draw = panel["submitted"].seat.draw
    for url in (f"/bureau/review/documents/scores/{panel['submitted'].pk}.docx",
                f"/bureau/review/documents/summary.xlsx?batch={batch.pk}",
                f"/bureau/review/documents/draws/{draw.pk}.docx"):
        assert client.get(url).status_code == 403, url
    assert not AuditEvent.objects.filter(event__startswith="review.").filter(event__endswith="_downloaded").exists()


def test_the_bureau_pages_link_to_the_documents(client_for, panel, batch):
    client = client_for("bureau_head")
    sheet = client.get(f"/bureau/review/scores/{panel['submitted'].pk}/").content.decode()
    assert f"/bureau/review/documents/scores/{panel['submitted'].pk}.docx" in sheet and "下载评分表（Word）" in sheet
    assert "下载评分表（Word）" not in client.get(f"/bureau/review/scores/{panel['draft'].pk}/").content.decode()
    ranking = client.get(f"/bureau/review/ranking/?batch={batch.pk}").content.decode()
    assert f"/bureau/review/documents/summary.xlsx?batch={batch.pk}" in ranking and "下载评审汇总表（Excel）" in ranking
    draw = panel["submitted"].seat.draw
    record = client.get(f"/bureau/review/draws/{draw.pk}/").content.decode()
    assert f"/bureau/review/documents/draws/{draw.pk}.docx" in record and "下载专家抽取记录（Word）" in record


# --- the expert -----------------------------------------------------------------------------


def test_the_expert_downloads_their_own_submitted_sheet(client_for, panel, batch):
    application = panel["application"]
    client = client_for("expert_1")
    response = client.get(f"/expert/applications/{application.pk}/score.docx")
    assert (response.status_code, response["Content-Type"]) == (200, DOCX)
    _assert_private(response)
    assert _file_name(response) == f"专家评分表-专家一-甲平台-{batch.year}.docx"
    assert "专家签字：____________　　日期：____________" in body_paragraphs(open_docx(response.content))
    event = AuditEvent.objects.get(event="review.score_sheet_downloaded")
    assert (event.actor_label, event.data["score"]) == ("expert_1", panel["submitted"].pk)
    page = client.get(f"/expert/applications/{application.pk}/score/").content.decode()
    assert f"/expert/applications/{application.pk}/score.docx" in page and "下载本人评分表（Word）" in page


def test_an_expert_never_gets_another_experts_sheet(client_for, panel, batch, personas):
    application = panel["application"]
    url = f"/expert/applications/{application.pk}/score.docx"
    # expert_2 sits on the same panel, but only has a draft: expert_1's sheet is never theirs.
    client = client_for("expert_2")
    assert client.get(url).status_code == 404
    assert "下载本人评分表（Word）" not in client.get(f"/expert/applications/{application.pk}/score/").content.decode()
    # An application of another group, where expert_1 has no seat.
    officer = personas["bureau_officer"]
    other = ApplicationFactory(batch=batch, status=Status.IN_REVIEW)
    other_group = make_group(batch, actor=officer, name="第三组")
    put_in_group(other, other_group, officer)
    seat = seat_expert(other_group, make_expert(), actor=officer)
    submit_score(other, group=other_group, scorer=seat.expert.user, seat=seat, points=Decimal(70))
    assert client_for("expert_1").get(f"/expert/applications/{other.pk}/score.docx").status_code == 404
    assert not AuditEvent.objects.filter(event="review.score_sheet_downloaded").exists()


def test_the_agency_page_has_no_expert_download_link(client_for, batch, personas, org_b):
    officer = personas["bureau_officer"]
    application = ApplicationFactory(organization=org_b, batch=batch, status=Status.IN_REVIEW)
    group = make_group(batch, actor=officer, mode="agency", agency=personas["agency"].organization)
    put_in_group(application, group, officer)
    submit_score(application, group=group, scorer=personas["agency"], points=Decimal(70))
    page = client_for("agency").get(f"/agency/applications/{application.pk}/score/")
    assert page.status_code == 200 and "下载本人评分表" not in page.content.decode()


@pytest.mark.parametrize("persona", (*OUTSIDERS, "bureau_officer", "bureau_head"))
def test_only_experts_reach_the_expert_download(client_for, panel, persona):
    response = client_for(persona).get(f"/expert/applications/{panel['application'].pk}/score.docx")
    assert response.status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client_for, panel, batch):
    client = client_for(None)
    for url in (f"/bureau/review/documents/scores/{panel['submitted'].pk}.docx",
                f"/bureau/review/documents/summary.xlsx?batch={batch.pk}",
                f"/expert/applications/{panel['application'].pk}/score.docx"):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
