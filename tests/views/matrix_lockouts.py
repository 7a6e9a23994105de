"""Matrix rows of the login locks page (登录锁定): only the system administrator sees and lifts locks.

Imported at the end of matrix.py. The world has no lock, so the admin's lift is refused (400).
"""

from tests.views.matrix import LOGIN, Row, only

LOCKOUT_ROWS = [
    Row("bureau:lockouts", "GET", 403, only("bureau_admin")),
    Row("bureau:lockout-lift", "POST", 403, only("bureau_admin", ok=400), data={"username": "officer_x",
                                                                                  "ip": "203.0.113.10"}),
    Row("bureau:lockout-lift", "GET", 405, {"anon": LOGIN}),  # POST only, refused before the role check
]
