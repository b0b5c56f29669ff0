"""Data built once for a module's tests rather than once per test.

A module whose tests all read the same library (the seed, say, or the 200-story library the
query budgets count against) built it for each test: loading the seed costs about a second,
and 60 tests paid it 60 times. `held_for_the_module` builds it once, inside a transaction
held open until the module's last test has run; each test still runs in a savepoint of its
own inside it (pytest-django's `db`), so what one test changes is undone before the next,
and the whole build is undone after the module.

Only for modules whose tests use plain `db`: a transactional test or the live server would
empty the tables under the held transaction.
"""

import sys
from contextlib import contextmanager

from django.db import transaction


def load_seed():
    """The real seed content in fixtures/, loaded into the test database."""
    from django.contrib.contenttypes.models import ContentType

    from csx.content.seed import Loader

    # A test with serialized_rollback before this one leaves the tables empty (its data comes
    # back only for tests that ask for it) while this process still remembers the content
    # types' old numbers: rows pointing at them fail their foreign keys. Ask afresh.
    ContentType.objects.clear_cache()
    Loader().run()


@contextmanager
def held_for_the_module(django_db_blocker, build):
    """Run `build()` in a transaction that stays open (and the database closed to code
    outside a test) until the block ends, then roll it back; yields what `build` returned."""
    held = transaction.atomic()
    with django_db_blocker.unblock():
        held.__enter__()
        try:
            built = build()
        except BaseException:
            held.__exit__(*sys.exc_info())
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            held.__exit__(None, None, None)
