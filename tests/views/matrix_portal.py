"""Matrix rows of the public portal: the directory, a platform's page, the regulation, the notices, the JSON API.

Imported at the end of matrix.py. Every persona, anonymous included, reads them; writes are 405.
World object: a valid recognition with the verification code ``PORTAL_CODE`` (tests/views/worlds/portal.py).
"""

from tests.views.matrix import Row
from tests.views.worlds.portal import PORTAL_CODE

KNOWN = {"code": f"={PORTAL_CODE}"}
UNKNOWN = {"code": "=NOSUCHCODE23"}

PORTAL_ROWS = [
    Row("portal:directory", "GET", 200),
    Row("portal:directory", "POST", 405),
    Row("portal:platform", "GET", 200, kwargs=KNOWN),
    Row("portal:platform", "GET", 404, kwargs=UNKNOWN),
    Row("portal:regulation", "GET", 200),
    Row("portal:notices", "GET", 200),
    Row("portal:api-platforms", "GET", 200),
    Row("portal:api-platforms", "POST", 405),
    Row("portal:api-platform", "GET", 200, kwargs=KNOWN),
    Row("portal:api-platform", "GET", 404, kwargs=UNKNOWN),
    Row("portal:api-platform", "POST", 405, kwargs=KNOWN),
]
