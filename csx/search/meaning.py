"""What an entry means, beside the words it holds: semantic matching, offline.

    vectors_of([document, ...])     one float16 vector per document, as bytes, for the index
    nearest("a passenger taken off a plane by force", kind=None, limit=50)
                                    entry ids, closest first, above a similarity floor
    neighbours("story", story.pk, limit=4)        the items of a kind closest to one item

The model is WordLlama (PyPI `wordllama`): token embeddings averaged, 256 dimensions, its
weights inside the package, loaded once per process and never fetched from a model hub.
Each entry's vector is computed when the entry is saved (index.py) and stored in the
database; each process keeps every live entry's vector in one numpy matrix, read again
only when the index's token (`INDEX`, in the shared cache) has changed, and compares a
query with all of them at once: 50,000 entries are a 13 MB matrix and one product
(docs/search.md has its cost), so neither sqlite-vec nor pgvector is needed (docs/search.md).

The matrix is a file in DJANGO_CACHE_DIR, one per token, that every process on the machine
maps (numpy's memmap): the operating system keeps one copy of it for all the web workers,
where each used to hold 50 MB of its own (docs/performance.md, "Memory at 50,000 stories").
It holds a byte per value (int8) and each row's scale, about a quarter of float32's 58 MB:
every web worker reads all of it at each search, so a share of it is in each worker's
memory. The product converts a block of rows at a time to float32, in the processor's
cache, and costs less than float32's did (3.5 against 8 ms at 57,010 entries on one core:
both are bound by reading the matrix); float16 would be half the size, but numpy converts
it one value at a time, 30 times slower than the product itself.
The bytes move a score by 0.0025 at most (50,000 entries, six queries: the same ten best
for each), a fortieth of NEAR's margin.

The product runs on one thread. numpy's BLAS (OpenBLAS) would split it over every core, and
on a machine whose cores are busy serving other requests it then waits for a core to come
free: at 50,000 entries and load 10 on 2 cores, 22 ms a product on two threads against 4 ms
on one (docs/search.md). A web process serves one request at a time; one thread is its share.
"""

import contextlib
import functools
import logging
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings
from django.utils import timezone
from threadpoolctl import ThreadpoolController

from csx.search.mapped import read_mapped, write_mapped

logger = logging.getLogger(__name__)

DIMENSIONS = 256
# An entry is close in meaning to a query when its cosine similarity is at least FLOOR
# (below it, nonsense and questions from elsewhere: "what is the weather in Paris" scores
# 0.08) and within NEAR of the closest entry's. Averaged word vectors score a good
# paraphrase only 0.3 to 0.5, so a fixed floor alone would drop them or flood the list.
# Both were set on the relevance set (tests/csx/search_relevance.py).
FLOOR = 0.25
NEAR = 0.1
# How much of a body the vector reads: WordLlama averages its tokens, so a long body would
# drown the title and summary, which say what the item is about.
BODY_CHARACTERS = 600
# The query vectors this process keeps: a reader paging through results, or the same query
# from several readers, is embedded once.
QUERIES_KEPT = 256
# A shared matrix file of an older token is removed once this old (share()).
STALE_SECONDS = 600
# An entry's row in the shared file: what a search filters on, and its vector as bytes
# (-127 to 127) times its scale. Everything in the file, so that no worker holds a copy.
ROW = np.dtype([
    ("id", np.int64), ("object_id", np.int64), ("kind", "S16"),
    ("live_from", np.float64), ("live_until", np.float64),  # POSIX seconds, or ±inf
    ("scale", np.float32), ("values", np.int8, (DIMENSIONS,)),
])  # fmt: skip
# Rows converted to float32 at a time: 1 MB, in the processor's cache.
BLOCK = 1024


@functools.cache
def model():
    """The embedding model, or None when it cannot be loaded (search then uses words only).

    From the package's own folder, downloads disabled: the package ships its weights and
    tokenizer (its default lookup of the tokenizer misses them, hence `cache_dir`)."""
    try:
        import wordllama

        folder = Path(wordllama.__file__).parent
        found = wordllama.WordLlama.load(cache_dir=folder, disable_download=True)
        found.embedding = mapped_weights(found.embedding, wordllama.__version__)
        return found
    except (ImportError, OSError, ValueError):
        logger.exception("The embedding model could not be loaded; search uses words only")
        return None


def mapped_weights(weights, version):
    """The model's token vectors (32,000 × 256 float32, 33 MB) as a file every process
    maps, like the index's matrix (share()): a process's resident memory then counts only
    the rows of the tokens it has embedded, not all 33 MB of a private copy, and all of
    them share one copy (docs/performance.md, "Memory at 50,000 stories")."""
    path = Path(settings.CACHE_DIR) / "meaning-model" / f"wordllama-{version}.npy"
    with contextlib.suppress(OSError, ValueError):  # not written yet (or cannot be)
        found = read_mapped(path)
        if found.shape == weights.shape and found.dtype == weights.dtype:
            return found
    try:
        return share(path, weights)
    except OSError:  # a folder it cannot write: this process keeps its own copy
        logger.exception("The model's token vectors could not be shared in %s", path.parent)
        return weights


def text_of(document):
    """The words of a search document that say what it is about."""
    body = document["body"][:BODY_CHARACTERS]
    return " ".join([document["title"], document["summary"], document["keywords"], body])


def embed(texts):
    """Unit vectors (float32 rows) for `texts`, or None without the model."""
    found = model()
    return None if found is None else found.embed(list(texts), norm=True)


@functools.lru_cache(maxsize=QUERIES_KEPT)
def query_vector(text):
    """The unit vector of one query (read-only: it is shared), or None without the model."""
    vectors = embed([text])
    if vectors is None:
        return None
    vector = vectors[0]
    vector.flags.writeable = False
    return vector


@functools.cache
def blas():
    """What sets how many threads numpy's BLAS uses (threadpoolctl)."""
    return ThreadpoolController()


def vectors_of(documents):
    """The stored form of each document's vector: float16 bytes (None without the model)."""
    vectors = embed(text_of(document) for document in documents)
    if vectors is None:
        return [None for _ in documents]
    return [vector.astype(np.float16).tobytes() for vector in vectors]


@dataclass
class Vectors:
    """Every entry's vector, with what a search filters on, as the index held them."""

    token: str
    kinds: np.ndarray  # each row's kind as a number into `kind_names` (a byte, not a string)
    kind_names: tuple  # the kinds' names, sorted
    matrix: np.ndarray  # one ROW per entry (a read-only map of a shared file)

    # The other columns are views of the file's: no worker holds a copy of its own.
    @property
    def ids(self):
        return self.matrix["id"]  # the entries'

    @property
    def object_ids(self):
        return self.matrix["object_id"]  # the items' (unique within a kind)

    @property
    def live_from(self):
        return self.matrix["live_from"]  # POSIX seconds; -inf for "always"

    @property
    def live_until(self):
        return self.matrix["live_until"]  # +inf for "never taken down"

    def live(self, kind=None):
        """The rows readers may see now (of `kind`, if given), as a boolean mask."""
        now = timezone.now().timestamp()
        mask = (self.live_from <= now) & (self.live_until > now)
        return mask & self.of_kind(kind) if kind else mask

    def of_kind(self, kind):
        """The rows of `kind`, as a boolean mask (one C loop over a byte a row)."""
        if kind not in self.kind_names:
            return np.zeros(len(self.kinds), dtype=bool)
        return self.kinds == self.kind_names.index(kind)

    def ranked(self, vector, mask, limit, floor, near=2.0):
        """(id, kind) of the `limit` rows of `mask` closest to `vector`: at least `floor`,
        and within `near` of the closest."""
        rows = self.closest(vector, mask, limit, floor, near)
        return [(int(self.ids[i]), self.kind_names[self.kinds[i]]) for i in rows]

    def row(self, at):
        """The unit vector of the row at position `at` (float32)."""
        return self.matrix["values"][at] * self.matrix["scale"][at]

    def products(self, vector):
        """Each row's product with `vector`, a block of rows converted at a time."""
        values = self.matrix["values"]
        found = np.empty(len(values), dtype=np.float32)
        block = np.empty((min(BLOCK, len(values)), DIMENSIONS), dtype=np.float32)
        with blas().limit(limits=1, user_api="blas"):
            for start in range(0, len(values), BLOCK):
                end = min(start + BLOCK, len(values))
                rows = block[: end - start]
                np.copyto(rows, values[start:end], casting="unsafe")
                np.matmul(rows, vector, out=found[start:end])
        return found * self.matrix["scale"]

    def closest(self, vector, mask, limit, floor, near=2.0):
        """The positions of ranked()'s rows, best first."""
        scores = np.where(mask, self.products(vector), -np.inf)
        if limit < len(scores):
            top = np.argpartition(-scores, limit)[:limit]
        else:
            top = np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        if not len(top):
            return []
        floor = max(floor, scores[top[0]] - near)
        return [i for i in top if scores[i] >= floor]


_lock = threading.Lock()
_shared = {"vectors": None}

# The name a change to the index sends through the page cache's invalidation (csx/serving/
# invalidation.py): its token, in the shared cache beside the content version, is replaced
# once the change commits, so a process learns whether the vectors it holds are current
# without a query. A page that read the vectors depends on it (its related stories).
INDEX = "search-index"


def index_changed():
    """The index changed: once the change commits, every process reads the vectors again at
    its next search (and pages that showed what they found are drawn again)."""
    from csx.serving import invalidation

    invalidation.content_changed({INDEX})


def with_meaning(entries):
    """The entries, each with its vector (one call to the model for them all)."""
    documents = [
        {f: getattr(entry, f) for f in ("title", "summary", "keywords", "body")}
        for entry in entries
    ]
    for entry, vector in zip(entries, vectors_of(documents), strict=True):
        entry.meaning = vector
    return entries


def vectors():
    """The index's vectors, read from the database only when its token has changed.

    The token is read before the rows: a change committed after that read replaces the
    token after its commit, so the next search reads the rows again; one committed before
    it is in the rows. Vectors read while this connection holds an uncommitted change to
    the index are used but not kept: it may yet be rolled back."""
    from csx.serving import dependencies, invalidation, versions
    from csx.serving.versions import CACHE_ERRORS

    dependencies.note([INDEX])
    try:
        token = versions.token_of(INDEX)
    except CACHE_ERRORS:
        logger.exception("The index's token is unreachable: its vectors are read afresh.")
        return load(None)
    if invalidation.pending(INDEX):
        return load(None)
    held = _shared["vectors"]
    if held is not None and held.token == token:
        return held
    with _lock:
        held = load(token)
        _shared["vectors"] = held
    return held


def matrix_file(token):
    """Where the matrix for `token` is shared, or None for a token that is no file name."""
    if not token or not re.fullmatch(r"[0-9a-f]{1,64}", token):
        return None
    return Path(settings.CACHE_DIR) / "meaning" / f"{token}.npy"


def load(token):
    """The index's vectors under `token`: the shared file's, or read from the database (and
    shared) when no process has written it yet."""
    path = matrix_file(token)
    rows = mapped(path)
    if rows is None:
        rows = read_rows()
        if path is not None:
            rows = share(path, rows)
    kind_names, kinds = np.unique(rows["kind"], return_inverse=True)
    return Vectors(
        token=token,
        # A byte a row: each worker holds these itself (fixed-width strings were 2 MB).
        kinds=kinds.astype(np.uint8),
        kind_names=tuple(name.decode() for name in kind_names),
        matrix=rows,
    )


def with_vectors():
    from csx.models import SearchEntry

    return SearchEntry.objects.filter(meaning__isnull=False)


def mapped(path):
    """The rows in the file at `path`, or None when there is none (not written yet, or
    removed since: a process with a newer token came by) or it is not this index's (another
    layout, other rows: then it is removed, to be written again). One query, a count."""
    if path is None:
        return None
    try:
        rows = read_mapped(path)
    except (OSError, ValueError):
        return None
    if rows.dtype != ROW or len(rows) != with_vectors().count():
        path.unlink(missing_ok=True)
        return None
    return rows


def read_rows():
    """Every entry that has a vector, as ROWs, from the database."""
    fields = ["id", "kind", "object_id", "go_live_at", "take_down_at", "meaning"]
    ids, kinds, object_ids, starts, ends = [], [], [], [], []
    blobs = bytearray()  # one growing buffer, not 50,000 small objects
    for pk, kind, object_id, start, end, blob in (
        with_vectors().order_by("id").values_list(*fields).iterator(chunk_size=2000)
    ):
        ids.append(pk)
        kinds.append(kind.encode())
        object_ids.append(object_id)
        starts.append(start.timestamp() if start else -np.inf)
        ends.append(end.timestamp() if end else np.inf)
        blobs += blob
    rows = np.empty(len(ids), dtype=ROW)
    rows["id"], rows["kind"], rows["object_id"] = ids, kinds, object_ids
    rows["live_from"], rows["live_until"] = starts, ends
    halves = np.frombuffer(blobs, dtype=np.float16).reshape(-1, DIMENSIONS)
    for at in range(0, len(rows), BLOCK):
        block = halves[at : at + BLOCK].astype(np.float32)
        scale = np.abs(block).max(axis=1, initial=0) / 127
        scale[scale == 0] = 1  # a row of zeros: any scale keeps it zeros
        rows["scale"][at : at + BLOCK] = scale
        rows["values"][at : at + BLOCK] = np.rint(block / scale[:, None])
    return rows


def share(path, rows):
    """The array `rows` in the file at `path`, mapped read-only (write_mapped). Files of
    other tokens are removed once older than STALE_SECONDS: a process still mapping one keeps
    its pages until it reads the new token, and none is removed while another process may be
    about to map it (several test processes share the folder too)."""
    matrix = write_mapped(path, rows, rows.dtype)
    now = time.time()
    for old in path.parent.glob("*.npy"):
        with contextlib.suppress(FileNotFoundError):  # another process removed it first
            if old != path and now - old.stat().st_mtime > STALE_SECONDS:
                old.unlink()
    return matrix


def nearest(text, kind=None, limit=50):
    """The live entries (of `kind`) whose meaning is closest to `text`: (id, kind), best
    first."""
    query = query_vector(text)
    if query is None:
        return []
    held = vectors()
    if not len(held.ids):
        return []
    return held.ranked(query, held.live(kind), limit, FLOOR, NEAR)


def neighbours(kind, object_id, limit):
    """The ids of the live items of `kind` closest in meaning to the item `object_id` of
    that kind (not itself), best first."""
    held = vectors()
    of_kind = held.of_kind(kind)
    at = np.flatnonzero(of_kind & (held.object_ids == object_id))
    if not len(at):
        return []
    mask = held.live(kind) & (held.object_ids != object_id)
    rows = held.closest(held.row(at[0]), mask, limit, floor=-1.0)  # any, however far
    return [int(held.object_ids[i]) for i in rows]
