"""The expert's own pool entry and the signed-out activation page, included into the expert app."""

from django.urls import path

from shifan.expert import activation, profile

urlpatterns = [
    path("profile/", profile.profile, name="profile"),
    path("profile/relationships/", profile.relationship_add, name="relationship-add"),
    path("profile/relationships/<int:pk>/remove/", profile.relationship_remove, name="relationship-remove"),
    path("activate/<str:token>/", activation.activate, name="activate"),
]
