"""Import and export of an application as a dossier (dossier.md), all or nothing."""

import copy

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from shifan.accounts.models import Jurisdiction
from shifan.applications.dossier_io import (
    LISTS,
    MONEY_FIELDS,
    PROFILE_PATHS,
    STALE,
    DossierRejected,
    _columns,
    _field_of,
    export_dossier,
    export_dossier_for,
    import_dossier,
    read_dossier_json,
)
from shifan.applications.enums import Status
from shifan.applications.models import Application, ApplicationProfile, ServedEnterprise, StaffMember
from shifan.audit.models import AuditEvent
from shifan.core.fields import index_fields
from shifan.policies.dossier import schema, validate_dossier
from tests.applications.dossiers import as_exported, sample_for
from tests.factories import ApplicationFactory, make_uscc

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(personas, org_a, batch):
    return ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲示范平台")


@pytest.fixture
def applicant(personas):
    return personas["applicant_a"]


def _imported(draft, applicant, data=None):
    import_dossier(draft, data or sample_for(draft), actor=applicant)
    return Application.objects.get(pk=draft.pk)


def _refused(draft, applicant, data) -> list[str]:
    with pytest.raises(DossierRejected) as error:
        import_dossier(draft, data, actor=applicant)
    return error.value.problems


# --- round trip ----------------------------------------------------------------------------


def test_importing_the_sample_then_exporting_gives_the_sample_back(draft, applicant):
    data = sample_for(draft)
    assert export_dossier(_imported(draft, applicant, data)) == as_exported(data)


def test_the_export_of_a_complete_application_is_a_valid_dossier(draft, applicant):
    exported = export_dossier(_imported(draft, applicant))
    assert validate_dossier(exported, jurisdictions=set(Jurisdiction.objects.values_list("code", flat=True))) == []


def test_an_empty_draft_exports_a_valid_dossier_with_only_its_identity(draft):
    assert export_dossier(draft) == {
        "format": "shifan-dossier",
        "version": 1,
        "organization": {"name": "甲服务机构有限公司", "uscc": draft.organization.uscc, "jurisdiction": "360102"},
    }


def test_lists_keep_the_order_of_the_file(draft, applicant):
    data = sample_for(draft)
    data["staff"].reverse()
    exported = export_dossier(_imported(draft, applicant, data))
    assert [row["name"] for row in exported["staff"]] == [row["name"] for row in data["staff"]]
    assert list(StaffMember.objects.filter(application=draft).values_list("seq", flat=True)) == list(range(1, 15))


def test_a_second_import_replaces_everything(draft, applicant):
    _imported(draft, applicant)
    smaller = sample_for(draft)
    smaller["served_smes"] = smaller["served_smes"][:3]
    del smaller["staff"], smaller["report"]
    exported = export_dossier(_imported(draft, applicant, smaller))
    assert len(exported["served_smes"]) == 3
    assert "staff" not in exported and "report" not in exported


# --- normalisation and personal data -------------------------------------------------------


def test_import_normalises_mobiles_and_usccs(draft, applicant):
    data = sample_for(draft)
    code = make_uscc()
    data["organization"]["uscc"] = " " + draft.organization.uscc.lower() + " "
    data["organization"]["legal_representative"]["mobile"] = "86 13900001111"
    data["served_smes"][1]["uscc"] = f"{code[:6]} {code[6:]}".lower()
    data["served_smes"][1]["mobile"] = "+86-13700002222"
    _imported(draft, applicant, data)
    row = ServedEnterprise.objects.get(application=draft, seq=2)
    assert (row.uscc, row.mobile) == (code, "13700002222")
    assert ApplicationProfile.objects.get(application=draft).legal_representative_mobile == "13900001111"


def _raw(table: str, column: str, application_id: int) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE application_id = %s", [application_id])  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


def test_personal_data_is_encrypted_at_rest_and_exported_in_clear(draft, applicant):
    data = sample_for(draft)
    exported = export_dossier(_imported(draft, applicant, data))
    for table, column in [
        ("applications_applicationprofile", "legal_representative_id_number"),
        ("applications_applicationprofile", "legal_representative_mobile"),
        ("applications_applicationprofile", "contact_mobile"),
        ("applications_servedenterprise", "mobile"),
        ("applications_staffmember", "contact"),
    ]:
        stored = _raw(table, column, draft.pk)
        assert stored and all(value.startswith("sm4gcm:") for value in stored), (table, column)
    assert "360102198001010013" not in str(_raw("applications_applicationprofile", "legal_representative_id_number",
                                                 draft.pk))
    assert exported["organization"]["legal_representative"]["id_number"] == "360102198001010013"
    assert exported["served_smes"][0]["mobile"] == data["served_smes"][0]["mobile"]


# --- refusals change nothing ---------------------------------------------------------------


def _snapshot(application) -> tuple:
    fresh = Application.objects.get(pk=application.pk)
    return fresh.version, export_dossier(fresh), AuditEvent.objects.filter(event="application.dossier_imported").count()


def _unknown_key(data):
    data["served_smes"][4]["moblie"] = data["served_smes"][4].pop("mobile")


def _bad_row_uscc(data):
    data["served_smes"][7]["uscc"] = "91360102MA00050001"


def _other_organisation(data):
    data["organization"]["uscc"] = make_uscc()


def _other_jurisdiction(data):
    data["organization"]["jurisdiction"] = "360113"


def _bad_id_number(data):
    data["organization"]["legal_representative"]["id_number"] = "360102198001010014"


def _too_many_decimals(data):
    data["operations"][0]["revenue"] = "310.125"  # 万元 are kept to 0.01 (100 元)


REFUSALS = [
    (_unknown_key, "served_smes[4].moblie: 未知的键，本格式不允许；是否应为 “mobile”？（第 5 行）"),
    (_bad_row_uscc, "served_smes[7].uscc: 统一社会信用代码校验位不正确，请核对营业执照或法人证书上的代码。（第 8 行）"),
    (_other_organisation, "organization.uscc: 文件中的统一社会信用代码"),
    (_other_jurisdiction, "organization.jurisdiction: 辖区 “360113” 与本申报的初审辖区（东湖区，360102）不一致"),
    (_bad_id_number, "organization.legal_representative.id_number: 身份证号码校验位不正确，请核对。"),
    (_too_many_decimals, "operations[0].revenue: 最多保留 2 位小数。（第 1 行）"),
]


@pytest.mark.parametrize("spoil, message", REFUSALS, ids=[spoil.__name__ for spoil, _ in REFUSALS])
def test_a_bad_dossier_changes_nothing_and_names_the_key_or_row(draft, applicant, spoil, message):
    _imported(draft, applicant)
    before = _snapshot(draft)
    data = sample_for(draft)
    spoil(data)
    problems = _refused(Application.objects.get(pk=draft.pk), applicant, data)
    assert any(problem.startswith(message) for problem in problems), problems
    assert _snapshot(draft) == before


def test_every_problem_is_reported_at_once(draft, applicant):
    data = sample_for(draft)
    _too_many_decimals(data)
    _bad_id_number(data)
    _other_organisation(data)
    assert [problem.split(":")[0] for problem in _refused(draft, applicant, data)] == [
        "organization.uscc", "organization.legal_representative.id_number", "operations[0].revenue"
    ]


@pytest.mark.parametrize(
    "raw, message",
    [
        (b'{"format": "shifan-dossier",',
         "文件不是有效的 JSON：第 1 行第 29 列，键名应以双引号括起（或多了一个逗号）。"),
        (b'{\n  "version": }', "文件不是有效的 JSON：第 2 行第 14 列，此处应为一个值。"),
        ('{"a": "中文"}'.encode("gbk"), "文件不是 UTF-8 编码的文本：请以 UTF-8 编码保存后再导入。"),
        (b'{"a": NaN}', "文件不是有效的 JSON：不允许 NaN，数字须为有限值。"),
        (b"[" * 100_000 + b"]" * 100_000, "文件不是有效的申报材料：JSON 嵌套层次过深。"),
    ],
    ids=["truncated", "no-value", "gbk", "nan", "deep"],
)
def test_a_file_that_is_not_utf8_json_is_refused_in_chinese(raw, message):
    with pytest.raises(DossierRejected) as error:
        read_dossier_json(raw)
    assert error.value.problems == [message]


def test_a_bom_is_tolerated():
    assert read_dossier_json('\ufeff{"format": "shifan-dossier"}'.encode()) == {"format": "shifan-dossier"}


def test_a_name_other_than_the_registered_one_is_kept_and_reported(draft, applicant):
    data = sample_for(draft)
    data["organization"]["name"] = "甲服务机构（南昌）有限公司"
    result = import_dossier(draft, data, actor=applicant)
    assert result.warnings == (
        "organization.name: 文件中的单位名称 “甲服务机构（南昌）有限公司” "
        "与登记的单位名称（甲服务机构有限公司）不一致，已保留登记的名称。",
    )
    assert export_dossier(draft)["organization"]["name"] == "甲服务机构有限公司"


# --- state, permission, concurrency, audit ------------------------------------------------


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.RECOMMENDED, Status.RECOGNISED, Status.WITHDRAWN])
def test_import_is_refused_once_submitted(draft, applicant, status):
    Application.objects.filter(pk=draft.pk).update(status=status)
    draft.refresh_from_db()
    problems = _refused(draft, applicant, sample_for(draft))
    assert problems == [
        f"申报当前状态为「{Status(status).label}」，不能导入；只有草稿或退回修改的申报可以导入。"
    ]
    assert not ServedEnterprise.objects.filter(application=draft).exists()


def test_a_returned_application_may_be_imported_again(draft, applicant):
    Application.objects.filter(pk=draft.pk).update(status=Status.RETURNED)
    draft.refresh_from_db()
    assert _imported(draft, applicant).served_smes.count() == 120


@pytest.mark.parametrize("persona", ["applicant_b", "officer_x", "bureau_officer"])
def test_only_the_organisations_users_may_import(draft, personas, persona):
    with pytest.raises(PermissionDenied):
        import_dossier(draft, sample_for(draft), actor=personas[persona])


def test_import_bumps_the_version_and_a_stale_copy_is_refused(draft, applicant):
    stale = Application.objects.get(pk=draft.pk)
    result = import_dossier(draft, sample_for(draft), actor=applicant)
    assert (result.version, draft.version) == (2, 2)
    assert _refused(stale, applicant, sample_for(draft)) == [STALE]
    assert Application.objects.get(pk=draft.pk).version == 2


def test_import_is_audited_with_the_row_counts(draft, applicant):
    _imported(draft, applicant)
    event = AuditEvent.objects.get(event="application.dossier_imported")
    assert (event.actor, event.target_id) == (applicant, str(draft.pk))
    assert event.data == {
        "version": 2,
        "counts": {
            "organization.investors": 1, "operations": 2, "service_products": 3, "partners": 3, "activities": 9,
            "equipment": 2, "staff": 14, "served_smes": 120,
        },
    }  # fmt: skip


def test_an_export_for_a_person_is_audited_and_checks_visibility(draft, applicant, personas):
    export_dossier_for(draft, actor=applicant)
    assert AuditEvent.objects.filter(event="application.dossier_exported", actor=applicant).count() == 1
    with pytest.raises(PermissionDenied):
        export_dossier_for(draft, actor=personas["officer_x"])  # a draft is the applicant's own


# --- the mapping is the contract -----------------------------------------------------------


def _schema_keys(node: dict, prefix: str = "") -> set[str]:
    keys = set()
    for name, sub in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        if sub.get("type") == "object":
            keys |= _schema_keys(sub, f"{path}.")
        elif sub.get("type") != "array" or name == "service_functions":
            keys.add(path)
    return keys


def test_every_single_value_of_the_schema_has_a_profile_field_and_back():
    identity = {"format", "version", "organization.name", "organization.uscc", "organization.jurisdiction"}
    assert set(PROFILE_PATHS) == _schema_keys(schema()) - identity
    derived = {f.name for f in index_fields(ApplicationProfile)}  # blind indexes, computed on save
    profile_fields = {f.name for f in ApplicationProfile._meta.concrete_fields} - {"id", "application"} - derived
    assert {_field_of(path) for path in PROFILE_PATHS} == profile_fields


def test_every_list_has_the_schemas_columns():
    for key, model in LISTS:
        node = schema()["properties"]
        for part in key.split("."):
            node = node[part] if part in node else node["properties"][part]
        assert [f.name for f in _columns(model)] == list(node["items"]["properties"]), key


def test_money_is_what_the_schema_calls_money():
    def money(node, name=""):
        if isinstance(node, dict):
            if node.get("$ref", "").endswith("money"):
                yield name
            for key, sub in node.items():
                yield from money(sub, key if key not in ("properties", "items") else name)

    assert set(money(schema()["properties"])) == MONEY_FIELDS


def test_the_sample_is_complete_so_the_round_trip_covers_every_key(draft):
    # Every key of the schema appears in the sample, so that the round trip checks each mapping.
    data = sample_for(draft)
    missing = [path for path in PROFILE_PATHS if _get_path(data, path) is None]
    assert missing == []
    assert all(data[key] if "." not in key else data["organization"]["investors"] for key, _ in LISTS)


def _get_path(data, path):
    for part in path.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return copy.deepcopy(data)
