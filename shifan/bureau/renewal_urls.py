"""URLs of renewal invitations (under /bureau/renewals/)."""

from django.urls import path

from shifan.bureau import renewals

urlpatterns = [
    path("<int:pk>/invite/", renewals.renewal_invite, name="renewal-invite"),
]
