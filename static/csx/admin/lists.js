// The typed list filters (csx/editorial/admin/desk_filters.py): choosing a value in one
// loads the list filtered by it, like a click on a listed choice would, from the first page.
"use strict";
{
    const $ = django.jQuery;
    $(document).on("change", "select[data-filter-param]", function () {
        const url = new URL(window.location.href);
        const param = this.dataset.filterParam;
        url.searchParams.delete("p");
        if (this.value) {
            url.searchParams.set(param, this.value);
        } else {
            url.searchParams.delete(param);
        }
        window.location.assign(url.toString());
    });
}
