"""A content list's export and import (csx/editorial/transfer/).

Export takes the list as filtered (its query string), every page of it, as CSV or as a zip
of Markdown files. Import takes the same files: a dry run first (the default) reports row by
row what would be created, changed or refused and why; the import itself makes drafts and
pending changes only, all or nothing.
"""

from django import forms
from django.contrib.admin.options import IncorrectLookupParameters
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from csx.editorial.transfer import files, importing


class ImportForm(forms.Form):
    file = forms.FileField(help_text="A CSV file, a zip of Markdown files, or one .md file.")
    dry_run = forms.BooleanField(
        required=False,
        initial=True,
        label="Dry run: report what would happen, change nothing",
    )


class Transfer:
    """A ModelAdmin mixin: /export/csv/, /export/markdown/ and /import/ beside the list."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("export/<str:kind>/", view(self.export_view), name=self.url_name("export")),
            path("import/", view(self.import_view), name=self.url_name("import")),
            *super().get_urls(),
        ]

    def transfer_context(self, request):
        query = request.GET.urlencode()
        suffix = f"?{query}" if query else ""
        export = f"admin:{self.url_name('export')}"
        return {
            "export_csv_url": reverse(export, args=[files.CSV]) + suffix,
            "export_markdown_url": reverse(export, args=[files.MARKDOWN]) + suffix,
            "import_url": reverse(f"admin:{self.url_name('import')}")
            if self.has_add_permission(request)
            else None,
        }

    def export_view(self, request, kind):
        if kind not in files.KINDS or not self.has_view_or_change_permission(request):
            raise Http404("No such export.")
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseRedirect(reverse(f"admin:{self.url_name('changelist')}") + "?e=1")
        data = files.export(self.model, changelist.get_queryset(request), kind)
        response = HttpResponse(data, content_type=files.KINDS[kind][0])
        name = files.file_name(self.model, kind)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise Http404("No import here.")
        report = None
        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                report = files.plan_file(self.model, upload.name, upload.read())
                if not form.cleaned_data["dry_run"]:
                    importing.run(report, request.user)
        else:
            form = ImportForm()
        context = {
            **self.admin_site.each_context(request),
            "title": f"Import {self.opts.verbose_name_plural}",
            "subtitle": None,
            "opts": self.opts,
            "form": form,
            "report": report,
            "dry_run": report is not None and not report.done,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/workspace/import.html", context)
