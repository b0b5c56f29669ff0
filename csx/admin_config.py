"""Django's admin app, with the editors' site (csx/admin_site.py) as `admin.site`.

Its own module: INSTALLED_APPS imports it before any model can be."""

from django.contrib.admin.apps import AdminConfig


class LibraryAdminConfig(AdminConfig):
    default_site = "csx.admin_site.LibraryAdminSite"
