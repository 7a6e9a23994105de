from django.urls import path

from shifan.portal import publicity

urlpatterns = [
    path("publicity/", publicity.publicity_index, name="publicity"),
    path("publicity/<int:pk>/", publicity.publicity_detail, name="publicity-detail"),
    path("publicity/<int:pk>/objection/", publicity.objection, name="objection"),
]
