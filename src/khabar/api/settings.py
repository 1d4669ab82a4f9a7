"""What the web server may accept, in one frozen object built once by :func:`create_app`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from khabar.errors import OptionsError

#: A JSON request of a few hundred articles is well under 2 MB; anything larger is most
#: likely a mistake or an attack on memory, refused before it is read.
DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024

#: A feed or JSON Lines dump of a day's news is a few MB; the CLI accepts 20 MB from disk,
#: a network upload gets less because it is held while it is read.
DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024

#: Requests per client address per minute.  A person reading briefs makes a few a minute; a
#: script that loops without pause is slowed down before it starves everyone else.
DEFAULT_RATE_LIMIT_PER_MINUTE = 300

#: A brief of more articles than this takes seconds and is no longer "one event".
DEFAULT_MAX_BRIEF_ARTICLES = 200

#: Seconds a search may run.  The commonest words of ANT's 31.5k articles are searched in
#: well under a second; a query built to be slow is stopped here instead of holding a
#: request thread (a 60-character one ran 42.7 s).
DEFAULT_SEARCH_BUDGET_S = 2.0

#: Names the server answers to (the Host header) and pages it takes requests from (the
#: Origin header): a local server answers only to local names, so a web page the user
#: visits can neither write to the store nor read it through a name of its own pointed at
#: 127.0.0.1 (DNS rebinding).  "*" accepts any name (behind a proxy that checks them).
DEFAULT_ALLOWED_HOSTS = ("127.0.0.1", "localhost", "::1")

#: Briefs kept in memory by their article ids and options.  Articles never change under an
#: id (the id is a hash of the content), so a kept brief is never stale.
DEFAULT_BRIEF_CACHE_SIZE = 64


@dataclass(frozen=True, slots=True)
class ApiSettings:
    """Limits and the store of one server.  ``rate_limit_per_minute=0`` turns limiting off."""

    db_path: Path | None = None  # None: khabar.config.default_db_path()
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    rate_limit_per_minute: int = DEFAULT_RATE_LIMIT_PER_MINUTE
    max_brief_articles: int = DEFAULT_MAX_BRIEF_ARTICLES
    brief_cache_size: int = DEFAULT_BRIEF_CACHE_SIZE
    search_budget_s: float = DEFAULT_SEARCH_BUDGET_S
    allowed_hosts: tuple[str, ...] = DEFAULT_ALLOWED_HOSTS
    #: Whether clients on this machine are rate limited too.  Off: every local client is
    #: 127.0.0.1, so one looping script would lock the user's own page out.
    rate_limit_loopback: bool = False

    def __post_init__(self) -> None:
        for name in ("max_body_bytes", "max_upload_bytes", "max_brief_articles", "search_budget_s"):
            if getattr(self, name) <= 0:
                raise OptionsError(f"{name} must be positive, got {getattr(self, name)}")
        if not self.allowed_hosts or not all(isinstance(h, str) and h.strip() for h in self.allowed_hosts):
            raise OptionsError(f"allowed_hosts must name at least one host, got {self.allowed_hosts!r}")
        object.__setattr__(self, "allowed_hosts", tuple(h.strip().casefold().strip("[]") for h in self.allowed_hosts))
        for name in ("rate_limit_per_minute", "brief_cache_size"):
            if getattr(self, name) < 0:
                raise OptionsError(f"{name} must be 0 (off) or positive, got {getattr(self, name)}")
