"""The public portal's object for the authorization matrix: one valid recognition, found by its code."""

from tests.portal.helpers import make_recognition

PORTAL_CODE = "MTRX23456789"  # the verification code the portal rows (tests/views/matrix_portal.py) use


def add(*, personas, world) -> dict:
    recognition = make_recognition(batch=world["batch"], officer=personas["bureau_officer"],
                                   platform_name="矩阵示范平台", code=PORTAL_CODE)
    return {"portal_recognition": recognition}
