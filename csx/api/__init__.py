"""The library as JSON for other tools (/api/v1/), and webhooks that tell them what changed.

urls.py, views.py        the read API (and the few writes), through the same QuerySet
                         methods, resolver and search as the pages
serializers.py           what each type looks like in JSON
tokens.py                per-person tokens, scoped, stored hashed; who may write
webhooks.py              subscriptions' events, signed per Standard Webhooks, delivered
                         by a background task (csx/serving/tasks.py) with retries
hooks.py                 where the events come from: the workflow's signals, feedback
"""
