"""The cached 第五条 evaluation: the same result as a fresh one, and never stale after any writer of content."""

from datetime import timedelta

import pytest

from shifan.applications.domain.content import delete_row, save_profile_section, save_row
from shifan.applications.dossier_io import evaluate_application, import_dossier
from shifan.applications.enums import Status
from shifan.applications.evaluation_cache import cached_evaluation, evaluation_key
from shifan.applications.list_excel import apply_list_import, check_list_import
from shifan.applications.models import Application, ServedEnterprise
from tests.applications.dossiers import sample_batch, sample_for
from tests.applications.test_list_excel import served_rows, xlsx
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(personas, org_a):
    application = ApplicationFactory(organization=org_a, batch=sample_batch(), status=Status.DRAFT)
    import_dossier(application, sample_for(application), actor=personas["applicant_a"])
    return application


def fresh(application) -> Application:
    """The application as a request loads it."""
    return Application.objects.select_related("batch__policy").get(pk=application.pk)


def served_count_text(evaluation) -> str:
    """The satisfaction condition's text, which names the number of 附件5 rows."""
    satisfaction = next(c for c in evaluation.conditions if c.code == "satisfaction")
    return f"{satisfaction.actual} {satisfaction.message}"


def assert_current(application) -> None:
    """The cached answer for the application as stored now equals a fresh evaluation."""
    assert cached_evaluation(fresh(application)).as_dict() == evaluate_application(fresh(application)).as_dict()


def test_a_second_look_costs_no_query_and_gives_the_same_result(draft, django_assert_num_queries):
    first = cached_evaluation(fresh(draft))
    application = fresh(draft)
    with django_assert_num_queries(0):
        again = cached_evaluation(application)
    assert again.as_dict() == first.as_dict() == evaluate_application(fresh(draft)).as_dict()


def test_an_added_and_a_deleted_row_are_seen_at_once(draft, personas):
    before = served_count_text(cached_evaluation(fresh(draft)))
    assert "附件5共 120 家" in before
    row = save_row(fresh(draft), ServedEnterprise(name="新增服务企业有限公司", mobile="13800000000", satisfied=False),
                   actor=personas["applicant_a"], kind="served_smes")
    assert "附件5共 121 家" in served_count_text(cached_evaluation(fresh(draft)))
    assert_current(draft)
    delete_row(fresh(draft), row, actor=personas["applicant_a"], kind="served_smes")
    assert served_count_text(cached_evaluation(fresh(draft))) == before


def test_a_saved_section_is_seen_at_once(draft, personas):
    cached_evaluation(fresh(draft))
    application = fresh(draft)
    save_profile_section(application, actor=personas["applicant_a"], changes={"total_assets": 1},
                         version=application.version)
    total_assets = next(c for c in cached_evaluation(fresh(draft)).conditions if c.code == "total_assets")
    assert total_assets.status == "fail"
    assert_current(draft)


def test_an_imported_list_is_seen_at_once(draft, personas):
    cached_evaluation(fresh(draft))
    checked = check_list_import(fresh(draft), "served_smes", xlsx("served_smes", served_rows(30)),
                                file_name="附件5.xlsx", actor=personas["applicant_a"])
    apply_list_import(checked, actor=personas["applicant_a"])
    assert "附件5共 30 家" in served_count_text(cached_evaluation(fresh(draft)))
    assert_current(draft)


def test_a_moved_batch_opening_changes_the_reference_year(draft):
    cached_evaluation(fresh(draft))
    batch = draft.batch
    batch.opens_at -= timedelta(days=400)
    batch.save()
    assert cached_evaluation(fresh(draft)).reference_year == evaluate_application(fresh(draft)).reference_year
    assert_current(draft)


def test_the_key_names_the_version_and_the_last_change(draft):
    application = fresh(draft)
    key = evaluation_key(application)
    assert f":{application.pk}:{application.version}:" in key
    application.version += 1
    assert evaluation_key(application) != key
    moved = fresh(draft)
    moved.updated_at += timedelta(microseconds=1)
    assert evaluation_key(moved) != key
