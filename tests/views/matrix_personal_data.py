"""Matrix rows of the signed-in user's own profile page (the mobile used for SMS).

Every signed-in user may read and change their own mobile; there is no object to scope.
"""

from tests.views.matrix import LOGIN, Row

PERSONAL_DATA_ROWS = [
    Row("home:profile", "GET", 200, {"anon": LOGIN}),
    Row("home:profile", "POST", 302, {"anon": LOGIN}, data={"mobile": "13800138000"}),
]
