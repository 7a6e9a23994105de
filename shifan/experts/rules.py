"""Who may do what with the expert pool.

Bureau officers run the pool; bureau heads may read it; an expert may declare and withdraw
relationships on their own profile only.
"""

import rules

from shifan.accounts.rules import is_bureau_officer, is_bureau_staff, is_expert


@rules.predicate
def is_own_profile(user, expert) -> bool:
    return expert is not None and expert.user_id is not None and expert.user_id == user.pk


manages_pool = is_bureau_officer
reads_pool = is_bureau_staff
declares_relationships = is_bureau_officer | (is_expert & is_own_profile)

rules.add_perm("experts.view_pool", reads_pool)
rules.add_perm("experts.manage_pool", manages_pool)
rules.add_perm("experts.declare_relationships", declares_relationships)
