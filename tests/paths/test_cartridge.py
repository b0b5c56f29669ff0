"""A path as an IMS Common Cartridge 1.3: a manifest and a web link per step, downloaded from
the path's training tools or written by `manage.py export_cartridge <slug>`."""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from csx.paths import cartridge
from tests import markup
from tests.factories import add_item, make_path, make_principle, make_story

pytestmark = pytest.mark.django_db

SERVER = "http://testserver"
NS = {"cp": cartridge.CP, "lom": cartridge.LOM, "wl": cartridge.WEB_LINK}


@pytest.fixture
def path():
    """A path of a story and a principle, with a draft story between them."""
    path = make_path(title="First week on the desk")
    add_item(path, make_story(slug="refund", title="The refund"), order=1)
    add_item(path, make_story(slug="draft", title="Not yet", status="draft"), order=2)
    add_item(path, make_principle(slug="listen", title="Listen first"), order=3)
    return path


def download(client, path):
    return client.get(path.get_cartridge_url())


def opened(data):
    return zipfile.ZipFile(io.BytesIO(data))


def manifest(archive):
    return etree.fromstring(archive.read(cartridge.MANIFEST))


def test_the_cartridge_holds_its_manifest_and_a_web_link_for_the_path_and_each_step(client, path):
    names = opened(download(client, path).content).namelist()
    steps = [f"links/step-{step.number}.xml" for step in path.steps()]
    assert names == ["imsmanifest.xml", "links/path.xml", *steps]


def test_the_manifest_says_it_is_a_common_cartridge_1_3(client, path):
    root = manifest(opened(download(client, path).content))
    said = [root.findtext(f"cp:metadata/cp:{field}", namespaces=NS) for field in
            ("schema", "schemaversion")]  # fmt: skip
    assert (root.tag, said) == (f"{{{cartridge.CP}}}manifest", ["IMS Common Cartridge", "1.3.0"])


def test_the_module_lists_the_path_then_the_steps_readers_see_in_order(client, path):
    root = manifest(opened(download(client, path).content))
    module = root.find("cp:organizations/cp:organization/cp:item/cp:item", namespaces=NS)
    assert module.findtext("cp:title", namespaces=NS) == "First week on the desk"
    titles = module.xpath("cp:item/cp:title/text()", namespaces=NS)
    assert titles == ["About this path", "Step 1: The refund", "Step 2: Listen first"]


def test_each_item_is_a_web_link_to_its_address_opening_in_a_new_window(client, path):
    archive = opened(download(client, path).content)
    root = manifest(archive)
    links = []
    for item in root.xpath("//cp:item[@identifierref]", namespaces=NS):
        ref = item.get("identifierref")
        (resource,) = root.xpath(f"//cp:resource[@identifier='{ref}']", namespaces=NS)
        assert resource.get("type") == "imswl_xmlv1p3"
        href = resource.find("cp:file", namespaces=NS).get("href")
        url = etree.fromstring(archive.read(href)).find("wl:url", namespaces=NS)
        links.append((url.get("href"), url.get("target")))
    addresses = [path.get_absolute_url(), *(step.get_absolute_url() for step in path.steps())]
    assert links == [(SERVER + address, "_blank") for address in addresses]


def test_every_file_the_manifest_names_is_in_the_cartridge_and_no_other(client, path):
    archive = opened(download(client, path).content)
    named = manifest(archive).xpath("//cp:file/@href", namespaces=NS)
    assert sorted([cartridge.MANIFEST, *named]) == sorted(archive.namelist())


def test_identifiers_in_the_manifest_are_unique(client, path):
    identifiers = manifest(opened(download(client, path).content)).xpath("//@identifier")
    assert len(identifiers) == len(set(identifiers))


def test_the_cartridge_downloads_as_a_file_named_for_the_path(client, path):
    response = download(client, path)
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "application/zip", 'attachment; filename="first-week.imscc"'
    )  # fmt: skip


def test_a_draft_path_has_no_cartridge(client):
    assert download(client, make_path(status="draft")).status_code == 404


def test_a_renamed_paths_cartridge_moves_to_its_new_address(client, path):
    old = path.get_cartridge_url()
    path.slug = "week-one"
    path.save()
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (301, path.get_cartridge_url())


def test_the_path_page_offers_the_cartridge_among_its_training_tools(client, path):
    links = markup.hrefs(markup.one(client.get(path.get_absolute_url()), ".share-links"))
    assert path.get_cartridge_url() in links


def test_export_cartridge_writes_the_file_the_page_offers(client, path, tmp_path):
    out = tmp_path / "week.imscc"
    call_command("export_cartridge", path.slug, out=str(out), site_url=f"{SERVER}/")
    written, offered = opened(out.read_bytes()), opened(download(client, path).content)
    assert written.namelist() == offered.namelist()
    assert [written.read(n) for n in written.namelist()] == [
        offered.read(n) for n in offered.namelist()
    ]


def test_export_cartridge_refuses_a_path_readers_cannot_see(tmp_path):
    make_path(slug="draft", status="draft")
    with pytest.raises(CommandError, match="No published path has the slug 'draft'"):
        call_command("export_cartridge", "draft", out=str(tmp_path / "x.imscc"))
