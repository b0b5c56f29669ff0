"""Export and import of content items, for the admin's lists and for scripts.

    formats.py     an item as a row of text; rows as CSV, or Markdown files with front matter
    importing.py   a dry run's report row by row, and the import itself (all or nothing)
    files.py       whole files: what a list exports, what an uploaded file or a folder plans

Export → import → export gives the same bytes (tests/csx/test_import_export.py).
"""
