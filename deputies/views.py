from django.shortcuts import render

from congress_portal.access import role_required
from congress_portal.roles import Role


@role_required(Role.DEPUTY)
def my_duties(request):
    return render(request, "deputies/my_duties.html")
