import pytest
from django.contrib.auth.models import Group, User


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def seeded(db):
    from csx.seed import Loader

    return Loader().run()


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with empty caches: what one test stored never answers another."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
