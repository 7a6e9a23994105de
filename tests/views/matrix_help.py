"""Matrix rows of the help pages: public, every persona reads them (the header links each role to its page).

Imported at the end of matrix.py. Writes are 405; an unknown role's page is 404 for everyone.
"""

from tests.views.matrix import Row

HELP_ROWS = [
    Row("portal:help", "GET", 200),
    Row("portal:help", "POST", 405),
    Row("portal:help-role", "GET", 200, kwargs={"slug": "=applicant"}),
    Row("portal:help-role", "GET", 200, kwargs={"slug": "=public"}),
    Row("portal:help-role", "GET", 404, kwargs={"slug": "=nobody"}),
    Row("portal:help-role", "POST", 405, kwargs={"slug": "=bureau"}),
]
