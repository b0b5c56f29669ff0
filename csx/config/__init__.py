"""The settings csx/settings.py gathers, one module per concern (DJANGO_SETTINGS_MODULE stays
csx.settings; nothing imports these modules but it):

    environment.py   BASE_DIR, DEBUG and the readers of environment variables the others use
    caches.py        the caches (Redis with REDIS_URL, else memory and files) and the page cache
    storage.py       static files and the image library's files (local disk or an S3 bucket)
    services.py      other hosts the library talks to: mail, background tasks, webhooks,
                     link checks, the Learning Record Store (xAPI)
    security.py      TLS and the proxy, cookies, HSTS, Content-Security-Policy, browser features
    signin.py        who may sign in and how: lockouts, authenticator codes, learners' single
                     sign-on
    api.py           the JSON API: REST framework, its schema, CORS
    logs.py          where log lines go
"""
