"""Objects of later stages for the authorization matrix's world, one module per stage.

Each module exposes ``add(*, personas, world) -> dict`` returning its objects by key.
"""

from tests.views.worlds import (
    auth,
    certificates,
    expert_pool,
    jobs,
    portal,
    publicity,
    review,
    support,
    tracking,
    workdays,
)

WORLD_EXTENSIONS = (expert_pool.add, review.add, workdays.add, publicity.add, portal.add, certificates.add,
                    tracking.add, support.add, auth.add, jobs.add)
