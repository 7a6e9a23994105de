"""Dossiers for the tests: the sample of tests/policies/data, made to belong to an application."""

import copy
import json
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.factories import BatchFactory, make_uscc

SAMPLE_PATH = Path(__file__).resolve().parents[1] / "policies" / "data" / "sample-dossier.json"
_SAMPLE = json.loads(SAMPLE_PATH.read_text(encoding="utf-8"))


def sample_for(application, *, served: int | None = None) -> dict:
    """The sample dossier with the application's organisation USCC and jurisdiction.

    ``served``: the number of 附件5 rows (the sample has 120); extra rows copy the sample's
    rows with fresh names and valid USCCs.
    """
    data = copy.deepcopy(_SAMPLE)
    data["organization"]["uscc"] = application.organization.uscc
    data["organization"]["jurisdiction"] = application.jurisdiction.code
    data["organization"]["name"] = application.organization.name
    if served is not None:
        rows = data["served_smes"]
        data["served_smes"] = [
            {**rows[i % len(rows)], "name": f"服务企业{i + 1:04d}有限公司", "uscc": make_uscc()} for i in range(served)
        ]
    return data


def as_exported(data: dict) -> dict:
    """What an export of an import of ``data`` gives: the sample's one non-normalised mobile, normalised."""
    expected = copy.deepcopy(data)
    expected["organization"]["contact"]["mobile"] = expected["organization"]["contact"]["mobile"].removeprefix("+86")
    return expected


def sample_batch():
    """A batch opened on 2026-04-01 (Nanchang time), so that its 上一年度 is 2025, the sample's year.

    Tests that expect the sample to pass use it instead of the current-year batch, which would
    make them fail once the calendar moves on.
    """
    opens = datetime(2026, 4, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    return BatchFactory(
        year=2026, opens_at=opens, applicant_deadline=opens + timedelta(days=60),
        district_deadline=opens + timedelta(days=90), review_starts_on=date(2026, 7, 1),
        review_ends_on=date(2026, 7, 31),
    )  # fmt: skip
