"""Who may keep the holiday table: bureau officers and the system administrator; bureau heads read it."""

import rules

from shifan.accounts.rules import is_bureau_admin, is_bureau_officer, is_bureau_staff

manages_calendar = is_bureau_officer | is_bureau_admin
reads_calendar = is_bureau_staff | is_bureau_admin

rules.add_perm("workdays.manage_calendar", manages_calendar)
rules.add_perm("workdays.view_calendar", reads_calendar)
