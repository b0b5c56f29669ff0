"""What a web server loads once, in its master process, before it forks the workers.

gunicorn (gunicorn.conf.py, `when_ready`) calls `before_fork()` after it has loaded Django
(`preload_app`) and before the first worker exists. Whatever is loaded here each worker
shares with the master, page for page, until one of them writes to it; whatever a worker
loads itself it pays for alone (docs/performance.md, "Memory at 50,000 stories"):

| loaded here | otherwise, in each worker (anonymous memory) |
|---|---|
| the search's model: numpy, wordllama, its tokenizer (search/meaning.py) | first search: +17 MB |
| every view and URL pattern (the URLconf), and its lookups for reversing | first request: +12 MB |
| the site's compiled templates (Django's cached loader) | first page of each kind: +5 MB |
| the model's token vectors and the English words (corrections.py): mapped files | their pages |

None of it touches the database: a connection opened in the master would be shared by
every worker after the fork, and a database that is away at start-up must not stop the
site from starting (docs/performance.md, "PostgreSQL stopped under load").
"""

import ctypes
import functools
import gc
import logging

from django.conf import settings
from django.db import connections
from django.template import engines
from django.template.exceptions import TemplateSyntaxError
from django.urls import get_resolver

from csx.search import meaning
from csx.search.corrections import english

logger = logging.getLogger(__name__)


def site_templates():
    """The names of the templates under the project's own template folders (TEMPLATES'
        DIRS): the pages readers are served, and the admin's overrides beside them. Django's own
    admin templates wait until an editor asks."""
    names = set()
    for folder in settings.TEMPLATES[0]["DIRS"]:
        names.update(str(path.relative_to(folder)) for path in folder.rglob("*.html"))
    return sorted(names)


def compile_templates(names):
    """Each template through the engine's cached loader, so its compiled form is kept."""
    engine = engines["django"]
    for name in names:
        try:
            engine.get_template(name)
        except TemplateSyntaxError:
            # A template only an include of another can compile (a block without its
            # base, say) waits for its page: the workers compile it as before.
            logger.info("Template %s not compiled before the fork", name)


# A web worker gives its heap's free pages back every this many requests (gunicorn.conf.py):
# malloc_trim takes about a millisecond.
TRIM_EVERY = 200
# glibc's mallopt() parameter, and the size from which a block is mapped of its own (its
# default starting value) and so given back to the system as soon as it is freed.
M_MMAP_THRESHOLD = -3
MAPPED_FROM = 128 * 1024


@functools.cache
def libc():
    """glibc, or None where there is none."""
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:
        return None


def call_glibc(name, *args):
    """glibc's function `name` on `args`; nothing where there is no such function."""
    function = getattr(libc(), name, None)
    if function is not None:
        function(*args)


def give_back_freed_memory():
    """Return the heap's free pages to the system now (glibc only; elsewhere nothing).

    Loading leaves freed pages resident in the heap (the word list's JSON, the model's
    float16 copy: 14 MB), which every worker would inherit; and a worker's heap keeps the
    pages its requests freed (2 to 3 MB at 50,000 stories), hence gunicorn.conf.py's
    post_request every TRIM_EVERY requests."""
    call_glibc("malloc_trim", 0)


def map_large_blocks():
    """Keep large blocks out of the heap from now on (glibc only). glibc raises its
    threshold for mapping a block of its own each time such a block is freed, up to 32 MB,
    so that a worker's later large buffers (the index's rows read at a new token, 50,000
    of them) land in the heap and stay resident after the request (14 MB at 50,000
    stories); setting the threshold fixes it."""
    call_glibc("mallopt", M_MMAP_THRESHOLD, MAPPED_FROM)


def before_fork():
    meaning.model()  # its token vectors are a mapped file: no copy of them is made here
    english()
    # Importing the URLconf imports every view; its lookups for reversing a name (every
    # link on a page) are built at the first reverse(), 1 MB in each worker otherwise.
    get_resolver().reverse_dict  # noqa: B018
    compile_templates(site_templates())
    # Nothing above should have connected; if anything did, the workers must not inherit it.
    connections.close_all()
    # Objects made so far live as long as the workers: out of the collector's sight, so
    # that collecting in a worker does not write to (and so copy) the pages that hold them.
    gc.freeze()
    give_back_freed_memory()
    map_large_blocks()
