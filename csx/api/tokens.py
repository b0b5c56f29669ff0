"""Who may write through the API: a person's token, sent as `Authorization: Bearer <token>`.

A token belongs to one staff member, made in the admin (shown once), and may do what its
scopes say and its owner's permissions allow, until revoked. Only its SHA-256 is stored.
Reading needs no token.
"""

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from csx.api.models import Token, digest


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Send one token: Authorization: Bearer <token>.")
        try:
            key = header[1].decode()
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("That is not a token.") from None
        token = Token.objects.active().select_related("user").filter(key_digest=digest(key)).first()
        if token is None:
            raise exceptions.AuthenticationFailed("This token is unknown or revoked.")
        Token.objects.filter(pk=token.pk).update(last_used=timezone.now())
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = TokenAuthentication
    name = "token"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A token made in the admin."}


class HasScope(permissions.BasePermission):
    """The request carries a token with the view's `scope`, and its owner the view's model
    permission (`permission`, e.g. "stories.add_story")."""

    message = "This token may not do that."

    def has_permission(self, request, view):
        token = request.auth
        if token is None:
            return False
        return token.allows(view.scope) and (
            view.permission is None or request.user.has_perm(view.permission)
        )
