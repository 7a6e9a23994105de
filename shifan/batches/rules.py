"""Who may run batches: bureau officers (市局经办人员)."""

import rules

from shifan.accounts.rules import is_bureau_officer

rules.add_perm("batches.manage_batch", is_bureau_officer)
