"""What every request meets before any page: the methods the site speaks, and HEAD answered
without a body."""

from django.http import HttpResponseNotAllowed

# Pages answer GET and HEAD; forms (the admin) POST. Nothing here takes anything else.
METHODS = ("GET", "HEAD", "POST")


class MethodsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in METHODS:
            return HttpResponseNotAllowed(METHODS)
        response = self.get_response(request)
        if request.method == "HEAD" and not response.streaming:
            # Same headers as the GET (Content-Length included), no body: RFC 9110 9.3.2.
            response.content = b""
        return response
