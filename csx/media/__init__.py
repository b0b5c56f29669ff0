"""The image library: pictures editors upload once and use in story bodies and as a story's
lead picture.

| module        | what it holds                                                              |
|---------------|----------------------------------------------------------------------------|
| models.py     | Image (alt text required, caption, credit, focal point) and its renditions |
| uploads.py    | what an upload must be: decoded by Pillow, a raster type, within limits    |
| renditions.py | WebP at a few widths (and 3:2 crops about the focal point), made once      |
| store.py      | the file store (local disk or S3-compatible), and what "unreachable" means |
| views.py      | /media/<name>: files served by the app, a placeholder while the store is away |

Files go to STORAGES["default"]: MEDIA_ROOT on local disk, or an S3-compatible bucket when
CSX_S3_BUCKET is set (django-storages). Every name is derived from the file's content, so a
rendition is written once and never changes: pages only read the names kept on the row and
never touch the store, which is why a page still answers while the store is away.
"""
