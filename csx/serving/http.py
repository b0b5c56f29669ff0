"""What every request meets before any page: the methods the site speaks, an address that
can be looked up, HEAD answered without a body, and a body read as its headers declare it
(length, charset) or refused;
and what a filtered list's address may carry (`without_empty_parameters`)."""

import codecs
import re
from functools import wraps
from urllib.parse import parse_qsl, urlencode

from django.http import (
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.template import loader
from django.utils.http import parse_header_parameters

# Pages answer GET and HEAD; forms (the admin) POST. Nothing here takes anything else.
METHODS = ("GET", "HEAD", "POST")
FORM = "application/x-www-form-urlencoded"


class MethodsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in METHODS:
            return HttpResponseNotAllowed(METHODS)
        # No address holds a NUL, and PostgreSQL refuses one in a query (a ValueError, a
        # 500, wherever a route takes any text: the API's slugs, the admin's object ids).
        if "\x00" in request.path:
            return bad_request(request, "The address holds a NUL character.")
        response = self.get_response(request)
        if request.method == "HEAD":
            # Same headers as the GET (Content-Length included), no body: RFC 9110 9.3.2. A
            # streamed answer (a picture) keeps its file to be closed when the answer is.
            if response.streaming:
                response.streaming_content = []
            else:
                response.content = b""
        return response


# Every byte, and what trips the codecs that cannot replace what they cannot read (idna,
# punycode): Django reads a body or query string with errors="replace" and needs that.
PROBE = bytes(range(256))
# Python's own codecs for string literals, not charsets: a stray backslash makes them warn.
NOT_CHARSETS = {"unicode-escape", "raw-unicode-escape"}


def readable(charset):
    """Python's name for `charset` when Django can read any bytes in it, else None: an
    unknown name, a codec from bytes to bytes (rot13, base64, zlib) or one that refuses
    to replace what it cannot decode."""
    try:
        name = codecs.lookup(charset).name
        if name not in NOT_CHARSETS:
            PROBE.decode(name, errors="replace")
            return name
    except (LookupError, UnicodeError):
        pass
    return None


# Where refuse_unreadable_charsets() leaves the charset it took out of the environ.
UNREADABLE = "csx.unreadable_charset"


def readable_environ(environ):
    """`environ` with a charset Django cannot read taken out of its Content-Type and left
    aside (UNREADABLE) for BodyMiddleware to refuse: Django builds the request, reading the
    query string in the declared charset, before any middleware runs."""
    content_type, params = parse_header_parameters(environ.get("CONTENT_TYPE", ""))
    declared = params.get("charset")
    if declared is not None and readable(declared) is None:
        return {**environ, "CONTENT_TYPE": content_type, UNREADABLE: declared}
    return environ


def refuse_unreadable_charsets(application):
    """Wraps the WSGI application (csx/wsgi.py) in readable_environ()."""

    def wrapped(environ, start_response):
        return application(readable_environ(environ), start_response)

    return wrapped


def bad_request(request, detail="The request's body could not be read."):
    """The 400 page; in JSON under /api/, where every answer is JSON."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": detail}, status=400)
    return HttpResponseBadRequest(loader.get_template("400.html").render())


class BodyMiddleware:
    """A request's body is read as its headers declare it, or refused with the 400 page.

    Content-Length is digits or nothing (RFC 9110 8.6): Django reads any other as no body
    when it builds the request, but request.body raises on it.

    A request that declares a charset (`Content-Type: ...; charset=latin-1`) is read in it.

    Django ignores a charset it cannot look up, but one it can that is no text encoding
    (rot13, base64) makes reading the query string or the form raise; and Django 5.2 refuses
    a form (urlencoded) declaring any charset but "utf-8", with an error its own CSRF check
    turns into a 500 (the 400 page's CSRF check reads the form again). So: a charset Django
    cannot read is refused, before anything reads the request; a form in any other is
    decoded as declared and handed on as the same form in UTF-8, without a charset."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not re.fullmatch(r"[0-9]*", request.META.get("CONTENT_LENGTH") or ""):
            return bad_request(request)
        if request.content_type.startswith("multipart/") and not has_boundary(request):
            # Django cannot split such a body; its 404 page's CSRF check would read it and
            # fail with a 500 (a POST to a view without CSRF that answers 404).
            return bad_request(request)
        declared = request.META.get(UNREADABLE) or request.content_params.get("charset")
        if declared is None:
            return self.get_response(request)
        encoding = readable(declared)
        if encoding is None:
            return bad_request(request)
        if request.content_type == FORM:
            text = request.body.decode(encoding, errors="replace")
            # %-escapes are bytes of the charset when it writes "%" as ASCII does; in UTF-16
            # or UTF-32 they are UTF-8, as browsers send them.
            escaped = encoding if "%".encode(encoding) == b"%" else "utf-8"
            fields = parse_qsl(text, keep_blank_values=True, encoding=escaped, errors="replace")
            request._body = urlencode(fields).encode()  # Django reads a body read once here
            request.META["CONTENT_TYPE"] = FORM
            request.content_params = {}
            request.encoding = None  # forgets what was read in the declared charset
        return self.get_response(request)


def has_boundary(request):
    """Whether a multipart body declares a boundary Django can split it at (RFC 2046:
    1 to 70 characters)."""
    boundary = request.content_params.get("boundary", "")
    return 0 < len(boundary) <= 70


def without_empty_parameters(view):
    """A filtered list answers 301 at its address without the filters left at "any":
    `?outcome=&kind=&principle=recovery` is `?principle=recovery`, so the address a reader
    copies after filtering (a GET form sends every field) names only what was chosen."""

    @wraps(view)
    def answer(request, *args, **kwargs):
        given = [(name, value) for name, values in request.GET.lists() for value in values]
        chosen = [(name, value) for name, value in given if value != ""]
        if len(chosen) < len(given):
            query = f"?{urlencode(chosen)}" if chosen else ""
            return HttpResponsePermanentRedirect(f"{request.path}{query}")
        return view(request, *args, **kwargs)

    return answer
