"""Django's admin app, with the editors' site (csx/editorial/admin/site.py) as `admin.site`.

Its own module: INSTALLED_APPS imports it before any model can be. The library's own admins
live in csx/editorial/admin/, not in a `csx.admin` module Django would find by itself: they are
imported here once the apps are ready."""

from importlib import import_module

from django.contrib.admin.apps import AdminConfig


class LibraryAdminConfig(AdminConfig):
    default_site = "csx.editorial.admin.site.LibraryAdminSite"

    def ready(self):
        super().ready()  # every other app's admin.py
        # Each registers its admins (team: the users' admin, in place of Django's).
        for module in ["content", "library", "images", "tags", "records", "team"]:
            import_module(f"csx.editorial.admin.{module}")
