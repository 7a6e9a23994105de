"""The third-party agency workspace (第三方评审机构工作台)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role


@require_GET
@role_required(Role.AGENCY)
def home(request):
    return render(request, "agency/home.html")
