"""`manage.py eligibility FILE [--policy CODE] [--as-of YYYY-MM-DD]` as dossier.md specifies."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from shifan.policies.models import Policy

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "sample-dossier.json"
EXPECTED = DATA / "sample-eligibility-nanchang-2022.json"


def _run(*args) -> dict:
    out = StringIO()
    call_command("eligibility", *args, stdout=out)
    return json.loads(out.getvalue())


def _refused(*args) -> str:
    with pytest.raises(CommandError) as error:
        call_command("eligibility", *args, stdout=StringIO())
    assert error.value.returncode == 2
    return str(error.value)


def _write(tmp_path, data, name="dossier.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.fixture
def sample() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def test_the_sample_dossier_gives_the_expected_result_under_the_default_version():
    assert _run(str(SAMPLE), "--as-of", "2026-05-01") == json.loads(EXPECTED.read_text(encoding="utf-8"))


def test_the_national_version_gives_another_verdict_on_the_same_file():
    result = _run(str(SAMPLE), "--as-of", "2026-05-01", "--policy", "national-2017")
    assert (result["policy"], result["eligible"]) == ("national-2017", False)
    assert [(c["code"], c["actual"], c["required"]) for c in result["conditions"] if c["status"] == "fail"] == [
        ("total_assets", "260.00", "300.00"),
        ("staff_count", 12, 20),
        ("smes_served", 120, 150),
        ("activities", {"information": 5, "technology": 3}, {"information": 8, "technology": 5}),
        ("partners", 3, 5),
        ("public_welfare_share", 15, 20),
    ]


def test_as_of_defaults_to_today():
    today = timezone.localdate()
    result = _run(str(SAMPLE))
    assert (result["as_of"], result["reference_year"]) == (today.isoformat(), today.year - 1)


def test_a_file_with_a_byte_order_mark_is_read(tmp_path, sample):
    path = tmp_path / "bom.json"
    path.write_text(json.dumps(sample, ensure_ascii=False), encoding="utf-8-sig")
    assert _run(str(path), "--as-of", "2026-05-01")["eligible"] is True


def test_an_unknown_key_a_bad_uscc_in_row_3_and_a_missing_field_are_named(tmp_path, sample):
    sample["platform"]["area"] = 200
    sample["served_smes"][3]["uscc"] = "91360102MA0005003A"
    del sample["staff"][4]["full_time"]
    path = _write(tmp_path, sample)
    assert _refused(path, "--as-of", "2026-05-01") == (
        f"{path} 不能检查（3 处问题）：\n"
        "platform.area: 未知的键，本格式不允许；请删除或核对拼写。\n"
        "staff[4].full_time: 缺少必填项。（第 5 行）\n"
        "served_smes[3].uscc: 统一社会信用代码校验位不正确，请核对营业执照或法人证书上的代码。（第 4 行）"
    )


def test_a_jurisdiction_outside_the_table_is_named(tmp_path, sample):
    sample["organization"]["jurisdiction"] = "3601K9"
    path = _write(tmp_path, sample)
    assert _refused(path) == (
        f"{path} 不能检查（1 处问题）：\norganization.jurisdiction: 辖区编码 “3601K9” 不在辖区表中，请从辖区表中选择。"
    )


def test_unreadable_json_an_unknown_policy_and_a_bad_date_are_all_reported(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "shifan-dossier",\n "version": }', encoding="utf-8")
    assert _refused(str(path), "--policy", "shanghai-2030", "--as-of", "2026-02-30") == (
        f"{path} 不能检查（3 处问题）：\n"
        "--as-of: 日期 “2026-02-30” 无效，应为 YYYY-MM-DD 格式的有效日期。\n"
        "--policy: 没有代码为 “shanghai-2030” 的认定办法版本；现有版本：nanchang-2022、national-2017。\n"
        f"{path}: 不是有效的 JSON：第 2 行第 13 列，Expecting value。"
    )


def test_a_missing_file_is_reported(tmp_path):
    path = tmp_path / "nothing.json"
    assert _refused(str(path)) == f"{path} 不能检查（1 处问题）：\n{path}: 文件不存在。"


def test_without_a_default_version_the_policy_must_be_named():
    Policy.objects.update(is_default=False)
    assert _refused(str(SAMPLE)) == (
        f"{SAMPLE} 不能检查（1 处问题）：\n--policy: 未设置默认的认定办法版本，请用 --policy 指定版本代码。"
    )


def test_the_real_process_prints_json_and_exits_with_status_2_on_a_bad_file(tmp_path, sample):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "shifan.settings_test", "SHIFAN_SQLITE_PATH": str(tmp_path / "db")}
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, timeout=120)  # noqa: S603 -- fixed arguments

    good = subprocess.run(  # noqa: S603
        [*manage, "eligibility", str(SAMPLE), "--as-of", "2026-05-01"], env=env, capture_output=True, timeout=60
    )
    assert (good.returncode, json.loads(good.stdout)) == (0, json.loads(EXPECTED.read_text(encoding="utf-8")))

    sample["served_smes"][3]["uscc"] = "91360102MA0005003A"
    bad = subprocess.run(  # noqa: S603
        [*manage, "eligibility", _write(tmp_path, sample)], env=env, capture_output=True, timeout=60
    )
    assert (bad.returncode, bad.stdout) == (2, b"")
    assert bad.stderr.decode("utf-8").splitlines()[-1] == (
        "served_smes[3].uscc: 统一社会信用代码校验位不正确，请核对营业执照或法人证书上的代码。（第 4 行）"
    )
