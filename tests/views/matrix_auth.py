"""Matrix rows of the account security pages (second factor, password change, keep-alive).

Imported at the end of matrix.py. World object: tests/views/worlds/auth.py. The matrix runs with
SHIFAN_REQUIRE_2FA off and no persona has an authenticator, so the verify step sends everyone on (302).
"""

from tests.views.matrix import LOGIN, Row, only

AUTH_ROWS = [
    Row("home:2fa-verify", "GET", 302),
    Row("home:2fa-verify", "POST", 302, data={"code": ""}),
    Row("home:2fa-enrol", "GET", 200, {"anon": LOGIN}),
    Row("home:2fa-enrol", "POST", 400, {"anon": LOGIN}, data={"code": "000000"}),
    Row("home:2fa-recovery-codes", "GET", 302),  # nothing to show: back to the security page
    Row("home:security", "GET", 200, {"anon": LOGIN}),
    Row("home:password-change", "GET", 200, {"anon": LOGIN}),
    Row("home:password-change", "POST", 400, {"anon": LOGIN}, data={"old_password": "wrong"}),
    Row("home:keepalive", "POST", 200, {"anon": LOGIN}),
    Row("home:keepalive", "GET", 405, {"anon": LOGIN}),
    Row("home:2fa-reset", "GET", 403, only("bureau_admin"), {"user_id": "auth_target"}),
    Row("home:2fa-reset", "POST", 403, only("bureau_admin", ok=400), {"user_id": "auth_target"}, {"reason": ""}),
]
