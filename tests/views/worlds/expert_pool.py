"""The expert pool's objects for the authorization matrix.

``pool_expert`` has no account; ``own_expert`` is expert_1's entry. Each has a declared
relationship, so an expert reaching for another expert's relationship is refused. A live
activation link has the literal token ``matrix-live-token``; ``pool_import`` is the bureau
officer's pending import.
"""

from datetime import timedelta

from django.utils import timezone

from shifan.experts.activation import token_hash
from shifan.experts.excel import check_import
from shifan.experts.models import Activation, Relationship
from tests.experts.workbooks import pool_workbook
from tests.factories import ExpertFactory

LIVE_TOKEN = "matrix-live-token"


def add(*, personas, world) -> dict:
    officer = personas["bureau_officer"]
    pool_expert = ExpertFactory(name="库中专家")
    own_expert = ExpertFactory(name="专家一", user=personas["expert_1"])
    Activation.objects.create(expert=pool_expert, token_hash=token_hash(LIVE_TOKEN), created_by=officer,
                              expires_at=timezone.now() + timedelta(days=7))
    return {
        "pool_expert": pool_expert,
        "own_expert": own_expert,
        "pool_relationship": Relationship.objects.create(expert=pool_expert, organization_name="甲服务机构有限公司",
                                                         kind=Relationship.Kind.BUSINESS),
        "own_relationship": Relationship.objects.create(expert=own_expert, organization_name="乙服务机构有限公司",
                                                        kind=Relationship.Kind.EMPLOYMENT),
        "pool_import": check_import(pool_workbook({}), file_name="专家.xlsx", actor=officer).pending,
    }
