"""Objects of later stages for the authorization matrix's world, one module per stage.

Each module exposes ``add(*, personas, world) -> dict`` returning its objects by key.
"""

from tests.views.worlds import expert_pool, review

WORLD_EXTENSIONS = (expert_pool.add, review.add)
