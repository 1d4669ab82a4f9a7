"""What routes depend on: FastAPI providers a test can replace::

    app.dependency_overrides[get_store] = lambda: my_store

and the helpers more than one router needs (finding an article, choosing the articles of a
brief, building it).  Routers take these from here and never import one another.

The server opens one :class:`~khabar.store.Store` on first use and shares it between
request threads (each reads on its own connection) until shutdown.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Annotated

from fastapi import Depends, Query, Request

from khabar.api.errors import ApiError
from khabar.api.settings import ApiSettings
from khabar.config import BriefOptions, build_options
from khabar.errors import OptionsError
from khabar.model import Article, EventBrief
from khabar import open_store
from khabar.store import SearchHit, Store, StorylineRow, StoryRow

#: Paging parameters of every listing (articles, search, stories, pages).
Limit = Annotated[int, Query(ge=1, le=200, description="how many to return")]
#: The largest offset taken: beyond SQLite's 64-bit integers a query cannot even be asked
#: (an offset of 2**63 was a 500), and no listing holds a billion rows.
MAX_OFFSET = 10**9
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="how many to skip")]

#: A storyline's events as article ids, in time order (None: one event).
Events = tuple[tuple[str, ...], ...] | None
#: ``build(articles, options)``, or ``build(articles, options, events)`` for a storyline.
BriefBuilder = Callable[..., EventBrief]

_open_lock = threading.Lock()


def get_settings(request: Request) -> ApiSettings:
    return request.app.state.settings


def get_store(request: Request) -> Store:
    state = request.app.state
    store = getattr(state, "store", None)
    if store is None:
        with _open_lock:
            store = getattr(state, "store", None)
            if store is None:
                store = open_store(state.settings.db_path)
                state.store = store
    return store


def close_store(state: object) -> None:
    store = getattr(state, "store", None)
    if store is not None:
        store.close()
        state.store = None  # type: ignore[attr-defined]


def _build(articles: list[Article], options: BriefOptions, events: Events = None, *, kept: Store | None = None) -> EventBrief:
    from khabar.event_brief import build_event_brief

    return build_event_brief(articles, options=options, events=events, kept=kept)


def _with_events(build: BriefBuilder, articles: list[Article], options: BriefOptions, *, events: Events) -> EventBrief:
    return build(articles, options, events)


class BriefCache:
    """Briefs by (article ids in order, options): an id names fixed content, so a kept
    brief is the brief that building again would give."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[tuple, EventBrief] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[tuple, threading.Lock] = {}

    def get_or_build(
        self, articles: list[Article], options: BriefOptions, build: BriefBuilder, events: Events = None
    ) -> EventBrief:
        if events is not None:  # a storyline's brief
            build = functools.partial(_with_events, build, events=events)
        if self.size == 0:
            return build(articles, options)
        key = (tuple(a.id for a in articles), options, events)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            # One build per key: requests arriving while it runs wait for it instead of
            # building the same brief again (a burst of identical requests costs one build).
            key_lock = self._building.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._items:
                    return self._items[key]
            try:
                brief = build(articles, options)
            finally:
                with self._lock:
                    self._building.pop(key, None)
            with self._lock:
                self._items[key] = brief
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return brief


def get_brief_builder(request: Request, store: Annotated[Store, Depends(get_store)]) -> BriefBuilder:
    """``build_event_brief`` behind the server's cache, each article's analysis kept in the
    store (the briefs of other selections of the same articles read it); tests swap in one
    returning a hand-made brief."""
    cache: BriefCache = request.app.state.brief_cache
    build = functools.partial(_build, kept=store)
    return lambda articles, options, events=None: cache.get_or_build(articles, options, build, events)


def split_ids(values: Iterable[str]) -> list[str]:
    """``?ids=a,b&ids=c`` -> ["a", "b", "c"], each once, in order."""
    out: dict[str, None] = {}
    for v in values:
        for part in v.split(","):
            part = part.strip()
            if part:
                out[part] = None
    return list(out)


def search(store: Store, settings: ApiSettings, q: str, *, limit: int, offset: int = 0) -> list[SearchHit]:
    """A search within the server's time budget (over it: 400, see ``api.errors``)."""
    return store.search(q, limit=limit, offset=offset, budget_s=settings.search_budget_s)


def find_article(store: Store, article_id: str) -> Article:
    article = store.get(article_id)
    if article is None:
        raise ApiError(404, f"no stored article with id {article_id!r}")
    return article


def get_storyline(storyline_id: str, store: Annotated[Store, Depends(get_store)]) -> StorylineRow:
    """The storyline a path names (``/.../{storyline_id}``), or 404."""
    row = store.storyline(storyline_id)
    if row is None:
        raise ApiError(404, f"no storyline {storyline_id!r}")
    return row


def get_event(event_id: str, store: Annotated[Store, Depends(get_store)]) -> StoryRow:
    """The event a path names (``/.../{event_id}``), or 404."""
    row = store.story(event_id)
    if row is None:
        raise ApiError(404, f"no event {event_id!r}")
    return row


def group_articles(store: Store, *, story: str | None = None, event: str | None = None) -> list[Article]:
    """The articles of a storyline (``story``; an event's id, as events were named before
    storylines, is taken too) or of an event; 404 when there is none."""
    if story:
        articles = store.storyline_articles(story) or store.story_articles(story)
        if not articles:
            raise ApiError(404, f"no storyline {story!r}")
        return articles
    articles = store.story_articles(event or "")
    if not articles:
        raise ApiError(404, f"no event {event!r}")
    return articles


def select_articles(
    store: Store,
    *,
    ids: list[str],
    q: str | None,
    limit: int | None,
    settings: ApiSettings,
    story: str | None = None,
    event: str | None = None,
) -> list[Article]:
    """The articles a brief request names: by id (all must exist), by search, a storyline
    (``story``) or an event."""
    ids = split_ids(ids)
    q = (q or "").strip() or None
    story = (story or "").strip() or None
    event = (event or "").strip() or None
    if sum(bool(x) for x in (ids, q, story, event)) > 1:
        raise ApiError(400, "give one of ids, q, story or event")
    if not ids and not q and not story and not event:
        raise ApiError(
            400, "say what to brief: ids=<id>,<id>..., q=<search words>, story=<storyline id> or event=<event id>"
        )
    cap = settings.max_brief_articles
    if limit is not None and limit > cap:
        raise ApiError(422, f"limit {limit} is over this server's maximum of {cap} articles per brief")
    if story or event:
        return group_articles(store, story=story, event=event)[: limit or cap]
    if ids:
        if len(ids) > cap:
            raise ApiError(422, f"{len(ids)} ids is over this server's maximum of {cap} articles per brief")
        found = [store.get(i) for i in ids]
        missing = [i for i, a in zip(ids, found) if a is None]
        if missing:
            raise ApiError(
                404,
                f"{len(missing)} of the ids are not stored",
                problems=[{"source": i, "problem": "no stored article with this id"} for i in missing],
            )
        return [a for a in found if a is not None]
    hits = search(store, settings, q or "", limit=limit or cap)
    if not hits:
        raise ApiError(404, f"no stored article matches {q!r}")
    return [h.article for h in hits]


def brief_options(length: int | None, algorithm: str | None) -> BriefOptions:
    try:
        return build_options(BriefOptions, length_words=length, algorithm=algorithm or None)
    except OptionsError as e:
        raise ApiError(422, str(e)) from None


def make_brief(
    store: Store,
    build: BriefBuilder,
    settings: ApiSettings,
    *,
    ids: list[str],
    q: str | None,
    limit: int | None,
    story: str | None = None,
    event: str | None = None,
    length: int | None = None,
    algorithm: str | None = None,
) -> tuple[EventBrief, list[Article]]:
    options = brief_options(length, algorithm)
    articles = select_articles(store, ids=ids, q=q, limit=limit, settings=settings, story=story, event=event)
    events = storyline_events(store, (story or "").strip(), articles)
    if events:  # a storyline's summary tells its events in time order
        return build(articles, options, events), articles
    return build(articles, options), articles


def storyline_events(store: Store, story: str, articles: list[Article]) -> Events:
    """The events of storyline ``story`` as the ids of ``articles`` in each, in time order;
    None when it is not a storyline of two events or more."""
    if not story:
        return None
    chosen = {a.id for a in articles}
    events = tuple(
        ids
        for e in store.storyline_events(story)
        if (ids := tuple(a.id for a in store.story_articles(e.id) if a.id in chosen))
    )
    return events if len(events) >= 2 else None
