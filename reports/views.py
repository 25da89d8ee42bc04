from django.shortcuts import render

from congress_portal.access import role_required
from congress_portal.roles import Role


@role_required(Role.LEADERSHIP, Role.STAFF)
def home(request):
    return render(request, "reports/home.html")
