"""The expert workspace (专家工作台). Assignments arrive with the expert-review work."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role


@require_GET
@role_required(Role.EXPERT)
def home(request):
    return render(request, "expert/home.html")
