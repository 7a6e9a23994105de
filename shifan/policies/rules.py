"""Who may read and manage policy versions."""

import rules

from shifan.accounts.rules import is_bureau_admin, is_bureau_staff

rules.add_perm("policies.view_policy", is_bureau_staff | is_bureau_admin)
rules.add_perm("policies.manage_policy", is_bureau_admin)
