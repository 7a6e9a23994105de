"""URLs of renewals (under /applicant/renewals/)."""

from django.urls import path

from shifan.applicant import renewals

urlpatterns = [
    path("<int:pk>/start/", renewals.renewal_start, name="renewal-start"),
]
