import pytest

from shifan.applications.workflow import APPLICANT, BUREAU, DISTRICT, HEAD


@pytest.fixture
def actor_for(personas):
    """The persona allowed to act for each row's predicate, and one who is not."""
    allowed = {
        "applicant_of_application": "applicant_a",
        "district_of_application": "officer_x",
        "is_bureau_officer": "bureau_officer",
        "is_bureau_head": "bureau_head",
    }
    refused = {
        "applicant_of_application": ["applicant_b", "officer_x", "bureau_officer"],
        "district_of_application": ["officer_y", "applicant_a", "bureau_officer"],
        "is_bureau_officer": ["bureau_head", "officer_x", "applicant_a", "bureau_admin", "expert_1"],
        "is_bureau_head": ["bureau_officer", "officer_x", "applicant_a", "auditor"],
    }

    def pick(row, *, allowed_actor: bool = True, index: int = 0):
        names = [allowed[row.who.name]] if allowed_actor else refused[row.who.name]
        return personas[names[index]] if allowed_actor else [personas[n] for n in names]

    return pick


@pytest.fixture
def audience_members(personas):
    return {
        APPLICANT: {"applicant_a", "applicant_a2"},
        DISTRICT: {"officer_x"},
        BUREAU: {"bureau_officer"},
        HEAD: {"bureau_head"},
    }
