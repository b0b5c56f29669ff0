"""The JSON API at /api/v1/ (csx/api): Django REST framework, its OpenAPI 3.1 schema and docs
by drf-spectacular (the docs' files from its sidecar: nothing from a CDN), CORS for reading it
from other sites' pages (django-cors-headers, /api/ only), and rate limits per client counted
in the "ratelimit" cache, as the readers' feedback is."""

import os

CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After", "Location"]
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["csx.api.tokens.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["csx.api.throttles.ClientThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "client": os.environ.get("CSX_API_RATE", "600/minute"),
        "write": os.environ.get("CSX_API_WRITE_RATE", "60/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "csx.api.pagination.Cursor",
    "PAGE_SIZE": 20,
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CSX Library API",
    "DESCRIPTION": "Customer-service stories, principles and the evidence behind them.",
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "StoryKindEnum": "stories.models.Kind",
        "ResourceKindEnum": "principles.models.ResourceKind",
        "SourceKindEnum": "csx.models.sources.SourceKind",
    },
}
