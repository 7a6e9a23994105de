"""Public certificate verification; included by shifan/portal/urls.py (namespace ``portal``).

``verify-code`` is the URL every certificate's QR code encodes
(``shifan.recognition.certificates.verification_url``): keep the two in step.
"""

from django.urls import path

from shifan.portal import verification

urlpatterns = [
    path("verify/", verification.verify, name="verify"),
    path("verify/<str:code>/", verification.verify_code, name="verify-code"),
]
