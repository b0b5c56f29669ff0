import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csx.settings")

from csx.serving.http import refuse_unreadable_charsets  # noqa: E402 - after the settings are named

application = refuse_unreadable_charsets(get_wsgi_application())
