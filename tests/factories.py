import factory
from django.contrib.auth.models import Group

from congress_portal.models import Community, Street, User
from congress_portal.roles import Role

PASSWORD = "Test-Password-2026"


class StreetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Street
        django_get_or_create = ["district", "name"]

    district = "临江区"
    name = factory.Sequence(lambda n: f"测试{n}街道")


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community

    street = factory.SubFactory(StreetFactory)
    name = factory.Sequence(lambda n: f"测试{n}社区")


class UserFactory(factory.django.DjangoModelFactory):
    """A user; UserFactory(role=Role.X) puts it in that role's group."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        if extracted:
            user.groups.add(Group.objects.get(name=extracted.group_name))
            user.is_staff = extracted == Role.STAFF
            user.save(update_fields=["is_staff"])
