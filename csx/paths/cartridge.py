"""A path as an IMS Common Cartridge 1.3 (.imscc), for an LMS to import as a course module:
a zip of `imsmanifest.xml` and one web link per step, in the path's order, with the path's
own page first. Every link is an address given out for good (a step's number, the path's
slug): renames and withdrawals are answered by the site as for any link (csx/content/
permalinks.py). LTI links in place of web links, when an LTI platform is registered, are
left for the LTI tool (issue 23 item 1).

The names below are the specification's: the CC 1.3 profile of IMS Content Packaging 1.2
(manifest), its LOM profile (metadata) and Web Link 1.3 (imswl_v1p3).
"""

import io
import zipfile

from lxml import etree as ET

CP = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
LOM = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest"
WEB_LINK = "http://www.imsglobal.org/xsd/imsccv1p3/imswl_v1p3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
PROFILE = "http://www.imsglobal.org/profile/cc/ccv1p3"
SCHEMAS = {
    CP: f"{PROFILE}/ccv1p3_imscp_v1p2_v1p0.xsd",
    LOM: f"{PROFILE}/LOM/ccv1p3_lommanifest_v1p0.xsd",
    WEB_LINK: f"{PROFILE}/ccv1p3_imswl_v1p3.xsd",
}
WEB_LINK_TYPE = "imswl_xmlv1p3"
VERSION = "1.3.0"
MANIFEST = "imsmanifest.xml"
MEDIA_TYPE = "application/zip"

# The prefixes the specification's examples use; each document's own namespace needs none.
MANIFEST_PREFIXES = {None: CP, "lomimscc": LOM, "xsi": XSI}
WEB_LINK_PREFIXES = {None: WEB_LINK, "xsi": XSI}


def filename(path):
    return f"{path.slug}.imscc"


def links(path, site_url):
    """(identifier, title, address) of what the cartridge links to: the path's page, then
    each step readers see, numbered as they see them."""
    yield "path", "About this path", f"{site_url}{path.get_absolute_url()}"
    for number, step in enumerate(path.steps(), start=1):
        title = f"Step {number}: {step.target.title}"
        yield f"step-{step.number}", title, f"{site_url}{step.get_absolute_url()}"


def cartridge(path, site_url):
    """The .imscc file of `path` (bytes), its links on `site_url` ("https://host")."""
    found = list(links(path, site_url))
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, xml(manifest(path, found)))
        for identifier, title, url in found:
            archive.writestr(link_file(identifier), xml(web_link(title, url)))
    return data.getvalue()


def link_file(identifier):
    return f"links/{identifier}.xml"


def manifest(path, found):
    root = ET.Element(
        f"{{{CP}}}manifest", identifier=f"csx-path-{path.pk}", nsmap=MANIFEST_PREFIXES
    )
    root.set(f"{{{XSI}}}schemaLocation", locations(CP, LOM))
    metadata = ET.SubElement(root, f"{{{CP}}}metadata")
    ET.SubElement(metadata, f"{{{CP}}}schema").text = "IMS Common Cartridge"
    ET.SubElement(metadata, f"{{{CP}}}schemaversion").text = VERSION
    general = ET.SubElement(ET.SubElement(metadata, f"{{{LOM}}}lom"), f"{{{LOM}}}general")
    for field, text in (("title", path.title), ("description", path.summary)):
        words = ET.SubElement(ET.SubElement(general, f"{{{LOM}}}{field}"), f"{{{LOM}}}string")
        words.text = text

    organization = ET.SubElement(
        ET.SubElement(root, f"{{{CP}}}organizations"),
        f"{{{CP}}}organization",
        identifier="organization",
        structure="rooted-hierarchy",
    )
    # The profile's root item holds nothing but the module an LMS makes of the path.
    module = ET.SubElement(
        ET.SubElement(organization, f"{{{CP}}}item", identifier="root"),
        f"{{{CP}}}item",
        identifier="module",
    )
    ET.SubElement(module, f"{{{CP}}}title").text = path.title
    resources = ET.SubElement(root, f"{{{CP}}}resources")
    for identifier, title, _url in found:
        item = ET.SubElement(
            module, f"{{{CP}}}item", identifier=f"item-{identifier}",
            identifierref=f"link-{identifier}",
        )  # fmt: skip
        ET.SubElement(item, f"{{{CP}}}title").text = title
        resource = ET.SubElement(
            resources, f"{{{CP}}}resource", identifier=f"link-{identifier}", type=WEB_LINK_TYPE
        )
        ET.SubElement(resource, f"{{{CP}}}file", href=link_file(identifier))
    return root


def web_link(title, url):
    root = ET.Element(f"{{{WEB_LINK}}}webLink", nsmap=WEB_LINK_PREFIXES)
    root.set(f"{{{XSI}}}schemaLocation", locations(WEB_LINK))
    ET.SubElement(root, f"{{{WEB_LINK}}}title").text = title
    # A new window: the library's pages refuse to be framed inside the course.
    ET.SubElement(root, f"{{{WEB_LINK}}}url", href=url, target="_blank")
    return root


def locations(*namespaces):
    return " ".join(f"{namespace} {SCHEMAS[namespace]}" for namespace in namespaces)


def xml(element):
    return ET.tostring(element, encoding="UTF-8", xml_declaration=True, pretty_print=True)
