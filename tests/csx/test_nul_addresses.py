"""An address holding a NUL answers 400 on every route (csx/serving/http.py): no page's address
holds one, and PostgreSQL refuses one in a query, which routes that take any text (the API's
slugs, the admin's object ids) would make. Found by `make fuzz` on PostgreSQL."""

import pytest

pytestmark = pytest.mark.django_db

ADDRESSES = ["/api/v1/stories/a\x00b/", "/stories/a\x00b/", "/admin/stories/story/1\x00/change/",
             "/\x00"]  # fmt: skip


@pytest.mark.parametrize("address", ADDRESSES)
def test_an_address_holding_a_nul_gets_a_400(client, address):
    assert client.get(address).status_code == 400


def test_the_api_says_why_in_json(client):
    response = client.get("/api/v1/stories/a\x00b/")
    assert response.json() == {"detail": "The address holds a NUL character."}
