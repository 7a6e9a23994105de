"""Matrix rows of the holiday table (节假日管理): officers and the admin keep it, heads read it.

Imported at the end of matrix.py. World object: tests/views/worlds/workdays.py.
"""

from tests.views.matrix import Row, only

READERS = ("bureau_officer", "bureau_head", "bureau_admin")
MANAGERS = ("bureau_officer", "bureau_admin")

WORKDAYS_ROWS = [
    Row("bureau:workdays", "GET", 403, only(*READERS)),
    Row("bureau:workdays-calculator", "GET", 403, only(*READERS)),
    Row("bureau:workdays-year", "GET", 403, only(*READERS), {"year": "=2026"}),
    Row("bureau:workdays-year", "GET", 403, only(*READERS, ok=404), {"year": "=1999"}),  # outside 2000–2100
    Row("bureau:workdays-day-add", "POST", 403, only(*MANAGERS, ok=400), {"year": "=2031"}, {"date": ""}),
    Row("bureau:workdays-year-mark", "POST", 403, only(*MANAGERS, ok=400), {"year": "=2031"}, {"source": ""}),
    # The officer (asked before the admin) removes the day; the admin then finds it gone.
    Row("bureau:workdays-day-remove", "POST", 403, only(*MANAGERS, ok=302) | {"bureau_admin": 404},
        {"pk": "workdays_day"}),
]
