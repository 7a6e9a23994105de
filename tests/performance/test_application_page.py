"""The application page made cheap for issue 10: the policy read with the application, no timeline query for
a draft, links reversed once per page and the eligibility rows built in Python — with the same page."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from shifan.applications.domain.attachments import add_attachment, remove_attachment
from shifan.applications.enums import Status
from shifan.applications.workflow import TRANSITIONS
from shifan.policies.articles import anchor_for
from shifan.policies.templatetags.regulation_tags import article_link
from shifan.workspace.application_pages import (
    _ROWS,
    CONDITIONS,
    _article,
    eligibility_panel,
)
from tests.factories import MINIMAL_PDF, ApplicationFactory, make_submittable

pytestmark = pytest.mark.django_db


def _tables(sql: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for table in ("policies_policy", "applications_statuschange", "applications_application"):
        found[table] = sum(f'FROM "{table}"' in query for query in sql)
    return found


def test_the_applicants_draft_page_reads_the_policy_with_the_application_and_no_timeline(client_for, org_a, batch):
    draft = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT)
    client = client_for("applicant_a")
    url = f"/applicant/applications/{draft.pk}/"
    client.get(url)
    cache.clear()  # the evaluation too: a miss must not read the policy again
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    sql = [query["sql"] for query in captured.captured_queries]
    assert _tables(sql)["policies_policy"] == 0, "the policy comes joined to the application"
    assert _tables(sql)["applications_statuschange"] == 0, "a draft has no timeline to read"
    assert 'JOIN "policies_policy"' in next(q for q in sql if 'FROM "applications_application"' in q)
    assert "尚无办理记录" in page and "提交前还需补齐" in page
    assert f'href="/applicant/applications/{draft.pk}/sections/basics/">去填写</a>' in page


def test_what_is_still_missing_is_read_once_per_change_of_the_application(client_for, personas, org_a, batch):
    draft = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT)
    client, url = client_for("applicant_a"), f"/applicant/applications/{draft.pk}/"
    licence = "尚未上传第八条（二）「法人证书或营业执照副本复印件」。"
    assert licence in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    read = " ".join(query["sql"] for query in captured.captured_queries)
    assert 'FROM "applications_applicationprofile"' not in read and 'FROM "applications_attachment"' not in read
    # An upload and a removal change the application, and the list follows at once.
    attachment = add_attachment(draft, "licence", MINIMAL_PDF, "执照.pdf", actor=personas["applicant_a"])
    assert licence not in client.get(url).content.decode()
    remove_attachment(draft, attachment, actor=personas["applicant_a"])
    assert licence in client.get(url).content.decode()


def test_a_submitted_application_still_shows_its_timeline(client_for, org_a, batch):
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT)
    make_submittable(application)
    client = client_for("applicant_a")
    response = client.post(f"/applicant/applications/{application.pk}/act/", {"action": "submit"})
    assert response.status_code == 302
    page = client.get(f"/applicant/applications/{application.pk}/").content.decode()
    assert 'class="timeline"' in page and "尚无办理记录" not in page


def test_no_move_of_the_workflow_leads_into_a_draft():
    """timeline_of reads nothing for a draft because a draft never has a status change."""
    assert [t for t in TRANSITIONS if t.target == Status.DRAFT] == []


@pytest.mark.parametrize("article", ["五(一)", "五(六)", _article("五(三)"), "附件5", "第六条", "其他<b>"])
def test_the_article_link_reverses_the_regulation_page_once_and_links_as_before(article):
    anchor = anchor_for(article)
    expected = (f'<a class="article-link" href="{reverse("portal:regulation")}#{anchor}">{escape(article)}</a>'
                if anchor else escape(article))
    assert article_link(article) == expected


def test_the_panels_rows_are_fresh_copies_and_cover_every_condition(org_a, batch):
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT)
    first = eligibility_panel(application)
    first["rows"][0]["title"] = "changed by a caller"
    application._shifan_evaluation = None
    second = eligibility_panel(application)
    assert second["rows"][0]["title"] == CONDITIONS[second["rows"][0]["code"]][0]
    assert all(f'data-condition="{row["code"]}"' in row["html"] for row in second["rows"])
    assert all(f'<td class="nowrap">{article_link(row["article"])}</td>' in row["html"] for row in second["rows"])
    assert _ROWS, "the rows are kept for the next request"
