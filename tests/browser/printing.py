"""A page as Chromium prints it: its A4 PDF, read back with pypdf."""

import io

from pypdf import PdfReader


def pdf_of(page, path):
    page.goto(path)
    page.emulate_media(media="print")
    return PdfReader(io.BytesIO(page.pdf(format="A4", print_background=False)))


def text_of(reader):
    return "\n".join(p.extract_text() for p in reader.pages)
