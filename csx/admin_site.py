"""The editors' admin site: Django's, with the dashboard as its index."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class LibraryAdminSite(admin.AdminSite):
    site_header = "CSX Library editors"
    site_title = "CSX Library admin"
    index_title = "Curate the library"


class LibraryAdminConfig(AdminConfig):
    """Django's admin app, with LibraryAdminSite as `admin.site`."""

    default_site = "csx.admin_site.LibraryAdminSite"
