"""URLs of recognitions and revocations in the bureau back office (under /bureau/recognitions/)."""

from django.urls import path

from shifan.bureau import recognitions

urlpatterns = [
    path("", recognitions.recognition_list, name="recognitions"),
    path("<int:pk>/", recognitions.recognition_detail, name="recognition"),
    path("<int:pk>/revocations/<int:revocation_id>/decide/", recognitions.revocation_decide,
         name="revocation-decide"),
    path("<int:pk>/revocations/<int:revocation_id>/evidence/", recognitions.revocation_evidence,
         name="revocation-evidence"),
]
