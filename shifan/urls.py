from django.contrib import admin
from django.urls import include, path

from shifan.accounts.admin_site import restrict_admin_to_bureau_admins

restrict_admin_to_bureau_admins(admin.site)

urlpatterns = [
    path("", include("shifan.portal.urls")),
    path("", include("shifan.home.urls")),
    path("applicant/", include("shifan.applicant.urls")),
    path("district/", include("shifan.district.urls")),
    path("expert/", include("shifan.expert.urls")),
    path("agency/", include("shifan.agency.urls")),
    path("bureau/", include("shifan.bureau.urls")),
    path("oversight/", include("shifan.oversight.urls")),
    path("admin/", admin.site.urls),
]
