"""The per-article pipeline: one :class:`~khabar.model.Document` per article, filled by
named components, each part computed once.

Like spaCy's pipeline, every component declares what it ``requires`` of the document and
what it ``assigns``; unlike spaCy's ``Doc``, the document is immutable.  A component is a
function from the document built so far to the parts it adds (a dict: part name ->
value); the pipeline checks, before running it, that every part it requires is filled, and
after, that it returned exactly the parts it declares, then makes the next document.  So a
component cannot forget a part, add one it does not declare, or disturb another's work;
and a part is never computed twice: whatever needs numbers or dates reads them from the
document.

To add a component (an entity tagger, sentence vectors, claim frames): add its part to
:class:`~khabar.model.Document`, write ``def add_x(doc) -> dict`` under ``@component(...)``
with its ``requires``/``assigns``, and place it in :data:`PIPELINE` after what it
requires (:func:`check_pipeline` says when the order is wrong).  Test it with
:func:`analyze` and ``components=pipeline_until("x")``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from khabar.errors import PipelineError
from khabar.extract.claims import extract_claims
from khabar.extract.dates import find_dates
from khabar.extract.quotes import extract_quotes
from khabar.extract.heap import extraction_heap
from khabar.model import Article, DateMention, Document, NumberMention, Sentence, shifted
from khabar.text.ar.numbers import find_numbers
from khabar.text.ar.segment import split_sentences
from khabar.text.ar.tokenize import words

#: What a component returns: the parts it assigns, by name.
Parts = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Component:
    """A named step of the pipeline: what it needs of the document, what it adds."""
    name: str
    run: Callable[[Document], Parts]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    #: The parts of several documents at once, the same as ``run`` of each (for a
    #: component that does less work in a batch: the name tagger); None: ``run`` each.
    run_many: Callable[[Sequence[Document]], Sequence[Parts]] | None = None


def component(
    name: str,
    *,
    requires: Sequence[str] = (),
    assigns: Sequence[str],
    many: Callable[[Sequence[Document]], Sequence[Parts]] | None = None,
) -> Callable[[Callable[[Document], Parts]], Component]:
    """Make a function ``Document -> {part: value}`` a pipeline :class:`Component`
    (``many``: the same for several documents at once)."""
    def make(run: Callable[[Document], Parts]) -> Component:
        return Component(name=name, run=run, requires=tuple(requires), assigns=tuple(assigns), run_many=many)

    return make


_PARTS = frozenset(f.name for f in dataclasses.fields(Document)) - {"article", "filled"}
#: The fields of a document before ``filled`` (its last), in order.
_DOCUMENT_FIELDS = tuple(f.name for f in dataclasses.fields(Document))[:-1]
assert dataclasses.fields(Document)[-1].name == "filled"
#: Values a part may not take: a document is immutable, so its parts are too.
_MUTABLE = (list, dict, set, bytearray)


@component("sentences", assigns=("sentences", "sentence_words"))
def add_sentences(doc: Document) -> Parts:
    """Split the article into sentences and tokenize each."""
    sentences = tuple(split_sentences(doc.article))
    return {"sentences": sentences, "sentence_words": tuple(tuple(words(s.text)) for s in sentences)}


def _in_article(found: Iterable[Any], sentence: Sentence) -> list[Any]:
    """Mentions found in a sentence's text, their offsets moved into the article's text."""
    base = sentence.start
    return [shifted(m, base) for m in found]


@component("numbers", requires=("sentences",), assigns=("numbers",))
def add_numbers(doc: Document) -> Parts:
    """Every number mention, found sentence by sentence (a figure never spans two)."""
    found: list[NumberMention] = []
    for sentence in doc.sentences:
        found.extend(_in_article(find_numbers(sentence.text), sentence))
    return {"numbers": tuple(found)}


@component("dates", requires=("sentences",), assigns=("dates",))
def add_dates(doc: Document) -> Parts:
    """Every date expression, sentence by sentence, resolved against the article's day."""
    found: list[DateMention] = []
    published = doc.article.published
    for sentence in doc.sentences:
        found.extend(_in_article(find_dates(sentence.text, reference=published), sentence))
    return {"dates": tuple(found)}


def _mentions_of_many(docs: Sequence[Document]) -> list[Parts]:
    """The mentions of several documents, their sentences tagged in one batch."""
    from khabar.extract.tagger.spans import recognize_mentions_many

    found = recognize_mentions_many([(d.article, d.sentences, d.dates) for d in docs])
    return [{"mentions": tuple(m)} for m in found]


@component("mentions", requires=("sentences", "dates"), assigns=("mentions",), many=_mentions_of_many)
def add_mentions(doc: Document) -> Parts:
    """People, organisations and places named in the article (linked across articles later):
    the statistical tagger's names, with the word lists' roles and canonical keys; none
    inside a date."""
    from khabar.extract.tagger.spans import recognize_mentions

    return {"mentions": tuple(recognize_mentions(doc.article, doc.sentences, dates=doc.dates))}


@component("quotes", requires=("sentences", "mentions"), assigns=("quotes",))
def add_quotes(doc: Document) -> Parts:
    """Who said what, follow-ons resolved within the article; a speaker's name ends where
    the recognizer's mention of it ends."""
    return {"quotes": tuple(extract_quotes(doc.article, doc.sentences, doc.mentions))}


@component("claims", requires=("sentences", "numbers", "dates", "quotes", "mentions"), assigns=("claims",))
def add_claims(doc: Document) -> Parts:
    """Figures about people and events, each with its category, source, place and date."""
    return {"claims": tuple(extract_claims(doc))}


#: The components, in the order they run.
PIPELINE: tuple[Component, ...] = (add_sentences, add_numbers, add_dates, add_mentions, add_quotes, add_claims)


@lru_cache(maxsize=32)
def check_pipeline(components: tuple[Component, ...]) -> tuple[Component, ...]:
    """``components`` when they make a pipeline: every part a component requires is
    assigned by an earlier one, every part is assigned once and is a part of
    :class:`~khabar.model.Document`; else :class:`PipelineError` saying what is wrong."""
    assigned: dict[str, str] = {}
    for c in components:
        for part in c.assigns:
            if part not in _PARTS:
                raise PipelineError(f"component {c.name!r} assigns {part!r}, which is not a part of a Document ({', '.join(sorted(_PARTS))})")
            if part in assigned:
                raise PipelineError(f"components {assigned[part]!r} and {c.name!r} both assign {part!r}: a part is computed once")
        missing = [p for p in c.requires if p not in assigned]
        if missing:
            raise PipelineError(f"component {c.name!r} requires {', '.join(missing)}, which no component before it assigns")
        assigned.update(dict.fromkeys(c.assigns, c.name))
    return components


def pipeline_until(name: str, *, components: Sequence[Component] = PIPELINE) -> tuple[Component, ...]:
    """The components up to and including ``name`` that it needs, in order (to fill one
    part without the rest: the sentences and numbers for ``"numbers"``)."""
    by_part = {p: c for c in components for p in c.assigns}
    target = next((c for c in components if c.name == name), None)
    if target is None:
        raise PipelineError(f"no component {name!r}; the components are {', '.join(c.name for c in components)}")
    needed: set[str] = set()
    todo = [target]
    while todo:
        c = todo.pop()
        if c.name not in needed:
            needed.add(c.name)
            todo.extend(by_part[p] for p in c.requires if p in by_part)
    return tuple(c for c in components if c.name in needed)


def run_component(c: Component, doc: Document) -> Document:
    """``doc`` with the parts ``c`` adds, after checking it has what ``c`` requires and that
    ``c`` returned exactly what it declares."""
    _check_requires(c, doc)
    return _with_parts(c, doc, c.run(doc))


def run_component_many(c: Component, docs: Sequence[Document]) -> list[Document]:
    """:func:`run_component` of each document, in one call of ``c.run_many`` when the
    component has it."""
    if c.run_many is None:
        return [run_component(c, d) for d in docs]
    for d in docs:
        _check_requires(c, d)
    found = list(c.run_many(docs))
    if len(found) != len(docs):
        raise PipelineError(f"component {c.name!r} returned parts for {len(found)} of {len(docs)} documents")
    return [_with_parts(c, d, parts) for d, parts in zip(docs, found)]


def _check_requires(c: Component, doc: Document) -> None:
    missing = [p for p in c.requires if p not in doc.filled]
    if missing:
        raise PipelineError(f"component {c.name!r} requires {', '.join(missing)}, not filled in the document of {doc.article.id}")


def _with_parts(c: Component, doc: Document, parts: Parts) -> Document:
    if not isinstance(parts, Mapping) or set(parts) != set(c.assigns):
        got = sorted(parts) if isinstance(parts, Mapping) else type(parts).__name__
        raise PipelineError(f"component {c.name!r} declares it assigns {list(c.assigns)} but returned {got}")
    for part, value in parts.items():
        if isinstance(value, _MUTABLE):
            raise PipelineError(f"component {c.name!r} assigned {part!r} a {type(value).__name__}; a document is immutable (use a tuple)")
    # positionally, not by dataclasses.replace (keywords): ~3 us less a component
    return Document(*[parts[n] if n in parts else getattr(doc, n) for n in _DOCUMENT_FIELDS], doc.filled | frozenset(parts))


def analyze(article: Article, *, components: Sequence[Component] = PIPELINE) -> Document:
    """Run the pipeline over one article."""
    doc = Document(article=article)
    with extraction_heap():
        for c in check_pipeline(tuple(components)):
            doc = run_component(c, doc)
    return doc


#: Articles analysed together by :func:`analyze_many` (the name tagger reads their
#: sentences in one batch).  Measured with ``benchmarks/bench_extract.py``: see docs/measurements.md.
BATCH = 16


def analyze_many(
    articles: Iterable[Article], *, components: Sequence[Component] = PIPELINE, batch: int = BATCH
) -> list[Document]:
    """:func:`analyze` of each article, in order: the same documents, made ``batch``
    articles at a time.  A component with a batch form (``run_many``) runs once over the
    batch; the others run article by article, in turn, as :func:`analyze` runs them (the
    sentences an article's components read again are those they read just before)."""
    steps = check_pipeline(tuple(components))
    out: list[Document] = []
    todo = list(articles)
    for k in range(0, len(todo), max(1, batch)):
        with extraction_heap():
            docs = [Document(article=a) for a in todo[k : k + max(1, batch)]]
            i = 0
            while i < len(steps):
                if steps[i].run_many is not None:
                    docs = run_component_many(steps[i], docs)
                    i += 1
                    continue
                j = i
                while j < len(steps) and steps[j].run_many is None:
                    j += 1
                for n, doc in enumerate(docs):
                    for c in steps[i:j]:
                        doc = run_component(c, doc)
                    docs[n] = doc
                i = j
        out += docs
    return out


# --- a document kept between runs (the store's analyses) ---------------------------------

#: The parts of khabar whose code and data make a document: a change to any file in them
#: makes every kept document stale.
_ANALYSIS_SOURCES = ("text", "extract", "pipeline.py", "model.py", "article.py")
#: Packages whose version may change what the pipeline finds (stemmers, the tagger's CRF).
_ANALYSIS_PACKAGES = ("nltk", "snowballstemmer", "python-crfsuite", "numpy")


#: Files up to this size are hashed whole for :func:`analysis_version`; larger ones by stat.
_HASHED_BYTES = 1 << 20


@lru_cache(maxsize=1)
def analysis_version() -> str:
    """A name for the code and data that :func:`analyze` runs: a digest of every file of
    :data:`_ANALYSIS_SOURCES` (bytecode caches aside) and the versions of Python and of
    :data:`_ANALYSIS_PACKAGES`.  A document kept under another version is made again, so a
    kept document is always the one :func:`analyze` would make now.  A file larger than
    :data:`_HASHED_BYTES` (the tagger's 12.8 MB model) is named by its size and modification
    time, not read: hashing it was ~0.065 s of CPU in every brief of a store (quiet machine),
    and a retrained or reinstalled model gets a new time, so its kept documents are made again."""
    import hashlib
    import importlib.metadata
    import platform
    from pathlib import Path

    root = Path(__file__).resolve().parent
    digest = hashlib.sha1(usedforsecurity=False)
    digest.update(f"python {platform.python_version()}\n".encode())
    for package in _ANALYSIS_PACKAGES:
        try:
            version = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{package} {version}\n".encode())
    for name in _ANALYSIS_SOURCES:
        top = root / name
        files = sorted(top.rglob("*")) if top.is_dir() else [top]
        for f in files:
            # Compiled modules (src/khabar/_compiled.py) are left out: they answer as their
            # sources, which are hashed, and hashing them would cost every brief of a store.
            if f.is_file() and "__pycache__" not in f.parts and f.suffix not in (".pyc", ".so", ".pyd"):
                digest.update(f"{f.relative_to(root).as_posix()}\n".encode())
                stat = f.stat()
                if stat.st_size > _HASHED_BYTES:
                    digest.update(f"{stat.st_size} {stat.st_mtime_ns}\n".encode())
                else:
                    digest.update(f.read_bytes())
    return digest.hexdigest()[:24]


#: zlib level 1: a document's pickle shrinks about 3 x (12 kB -> 4 kB on ANT) for a tenth
#: of a millisecond; higher levels gain little more.
_KEPT_COMPRESSION = 1


def document_bytes(doc: Document) -> bytes:
    """``doc`` as bytes to keep (read back with :func:`document_from_bytes`)."""
    import pickle
    import zlib

    return zlib.compress(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL), _KEPT_COMPRESSION)


def document_from_bytes(data: bytes) -> Document | None:
    """The document :func:`document_bytes` made, or None for bytes that are not one.

    Only khabar's model classes and dates are rebuilt, nothing else: a store file from
    elsewhere cannot make reading it run code (what a plain unpickler would do)."""
    import io
    import zlib

    try:
        doc = _ModelUnpickler(io.BytesIO(zlib.decompress(data))).load()
    except Exception:  # noqa: BLE001 - damaged or foreign bytes: analyse again
        return None
    return doc if isinstance(doc, Document) else None


def _model_unpickler() -> type:
    import datetime as dt
    import pickle

    from khabar import model

    allowed = {
        ("datetime", "date"): dt.date,
        ("datetime", "datetime"): dt.datetime,
        ("datetime", "timezone"): dt.timezone,
        ("datetime", "timedelta"): dt.timedelta,
        ("builtins", "frozenset"): frozenset,
        ("builtins", "set"): set,
    }
    for name in dir(model):
        value = getattr(model, name)
        if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == model.__name__:
            allowed[(model.__name__, name)] = value

    class ModelUnpickler(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            try:
                return allowed[(module, name)]
            except KeyError:
                raise pickle.UnpicklingError(f"{module}.{name} is not part of a document") from None

    return ModelUnpickler


_ModelUnpickler = _model_unpickler()
