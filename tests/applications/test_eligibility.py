"""The eligibility engine wired to applications: the batch's policy, its reference year, constant queries."""

import json
from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from shifan.applications.dossier_io import evaluate_application, export_dossier, import_dossier, reference_date
from shifan.applications.enums import Status
from shifan.applications.queries import applications_for_user
from tests.applications.dossiers import SAMPLE_PATH, sample_batch, sample_for
from tests.factories import ApplicationFactory, BatchFactory, shipped_policy

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def batch(db):
    return sample_batch()  # 上一年度 2025, the sample's year, whatever today's date


@pytest.fixture
def draft(personas, org_a, batch):
    return ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲示范平台")


def _command(path, *args) -> dict:
    out = StringIO()
    call_command("eligibility", str(path), *args, stdout=out)
    return json.loads(out.getvalue())


def test_the_application_and_the_command_agree_on_the_same_dossier(draft, personas, tmp_path):
    data = sample_for(draft)
    import_dossier(draft, data, actor=personas["applicant_a"])
    as_of = reference_date(draft)
    path = tmp_path / "dossier.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    expected = _command(path, "--as-of", as_of.isoformat(), "--policy", draft.batch.policy.code)
    assert evaluate_application(draft).as_dict() == expected
    # The export is the same dossier, so the command gives the same result on it too.
    path.write_text(json.dumps(export_dossier(draft), ensure_ascii=False), encoding="utf-8")
    assert _command(path, "--as-of", as_of.isoformat(), "--policy", draft.batch.policy.code) == expected


def test_the_sample_meets_the_nanchang_conditions_as_its_expected_file_says(draft, personas):
    import_dossier(draft, sample_for(draft), actor=personas["applicant_a"])
    expected = json.loads((SAMPLE_PATH.parent / "sample-eligibility-nanchang-2022.json").read_text(encoding="utf-8"))
    # The expected file was made with the sample's own USCC; only legal_entity reads it, and both are 91 企业.
    assert evaluate_application(draft, date(2026, 5, 1)).as_dict() == expected


def test_the_reference_year_is_the_year_before_the_batch_opened_in_local_time(org_a, personas):
    # 2027-01-01 00:30 in Nanchang is still 2026-12-31 in UTC: the local date decides.
    opens = datetime(2027, 1, 1, 0, 30, tzinfo=SHANGHAI)
    batch = BatchFactory(
        year=2027, opens_at=opens, applicant_deadline=opens + timedelta(days=30),
        district_deadline=opens + timedelta(days=40), review_starts_on=date(2027, 3, 1),
        review_ends_on=date(2027, 3, 31),
    )  # fmt: skip
    application = ApplicationFactory(organization=org_a, batch=batch)
    evaluation = evaluate_application(application)
    assert (evaluation.as_of, evaluation.reference_year) == (date(2027, 1, 1), 2026)


def test_the_batch_pins_the_policy_version(org_a, personas):
    batch = BatchFactory(year=2030, policy=shipped_policy("national-2017"))
    application = ApplicationFactory(organization=org_a, batch=batch)
    import_dossier(application, sample_for(application), actor=personas["applicant_a"])
    evaluation = evaluate_application(application, date(2026, 5, 1))
    assert (evaluation.policy, evaluation.eligible) == ("national-2017", False)


def test_an_empty_draft_fails_with_messages_instead_of_crashing(draft):
    evaluation = evaluate_application(draft)
    assert not evaluation.eligible
    assert evaluation.condition("legal_entity").status == "pass"  # the organisation's USCC is always there
    assert evaluation.condition("served_list_size").message.startswith("缺少上一年度服务中小企业名单")


EVALUATION_QUERIES = 7  # policy, profile, operations, partners, activities, staff, served SMEs


@pytest.mark.parametrize("served", [10, 200])
def test_evaluation_reads_a_constant_number_of_queries(draft, personas, django_assert_num_queries, served):
    import_dossier(draft, sample_for(draft, served=served), actor=personas["applicant_a"])
    application = applications_for_user(personas["applicant_a"]).get(pk=draft.pk)
    with django_assert_num_queries(EVALUATION_QUERIES):
        evaluation = evaluate_application(application)
    assert evaluation.condition("served_list_size").actual == served


@pytest.mark.parametrize("served", [10, 200])
def test_export_reads_a_constant_number_of_queries(draft, personas, django_assert_num_queries, served):
    import_dossier(draft, sample_for(draft, served=served), actor=personas["applicant_a"])
    application = applications_for_user(personas["applicant_a"]).get(pk=draft.pk)
    with django_assert_num_queries(9):  # the profile and eight lists
        assert len(export_dossier(application)["served_smes"]) == served
