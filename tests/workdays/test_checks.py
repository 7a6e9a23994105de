"""The system check that warns from 1 December when next year's arrangement is missing."""

import datetime as dt
from io import StringIO

import pytest
from django.core import checks
from django.core.management import call_command

from shifan.workdays import checks as workday_checks
from shifan.workdays.checks import next_year_entered
from tests.workdays.helpers import enter_2027

pytestmark = pytest.mark.django_db

DB = ["default"]


def test_from_1_december_a_missing_next_year_is_a_warning():
    [warning] = next_year_entered(databases=DB, today=dt.date(2026, 12, 1))
    assert isinstance(warning, checks.Warning)
    assert (warning.id, warning.msg) == ("workdays.W001", "2027 年的节假日安排尚未录入。")
    assert "节假日管理" in warning.hint
    assert next_year_entered(databases=DB, today=dt.date(2026, 12, 31))[0].id == "workdays.W001"


def test_before_1_december_nothing_is_reported():
    assert next_year_entered(databases=DB, today=dt.date(2026, 11, 30)) == []
    assert next_year_entered(databases=DB, today=dt.date(2026, 1, 1)) == []


def test_once_next_year_is_entered_and_complete_nothing_is_reported(personas):
    enter_2027(personas["bureau_officer"])
    assert next_year_entered(databases=DB, today=dt.date(2026, 12, 1)) == []
    assert next_year_entered(databases=DB, today=dt.date(2025, 12, 1)) == []  # 2026 is seeded


def test_it_is_a_database_check_run_by_check_database(monkeypatch):
    assert next_year_entered in checks.registry.registry.get_checks()
    assert next_year_entered.tags == (checks.Tags.database,)
    assert next_year_entered(databases=None, today=dt.date(2026, 12, 1)) == []
    monkeypatch.setattr(workday_checks.timezone, "localdate", lambda: dt.date(2026, 12, 1))
    err = StringIO()
    call_command("check", "--database", "default", stdout=StringIO(), stderr=err)
    assert "workdays.W001" in err.getvalue()
