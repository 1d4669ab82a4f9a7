"""The pages' templates and addresses: one Jinja environment over ``web/templates`` (the
site's pages) and ``present/templates`` (the brief's sections, shared with the standalone
file), and :func:`link`, which keeps the interface language in every address."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from khabar.present.labels import labels
from khabar.present.view import safe_url

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
PRESENT_TEMPLATES = Path(__file__).resolve().parent.parent / "present" / "templates"


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(WEB_DIR / "templates"), str(PRESENT_TEMPLATES)]),
        autoescape=True,  # article text may hold <script>: it is always shown as text
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["link"] = link
    env.globals["safe_url"] = safe_url
    return env


def render_page(name: str, *, lang: str, **context: Any) -> str:
    context.setdefault("q", None)  # the search box of every page
    return _environment().get_template(name).render(
        lang=lang, dir="rtl" if lang == "ar" else "ltr", lab=labels(lang), **context
    )


def link(path: str, lang: str = "ar", fragment: str | None = None, **params: Any) -> str:
    """A page address keeping the interface language; ``None`` parameters are left out."""
    query = {k: v for k, v in params.items() if v is not None and v != [] and v != ""}
    if lang != "ar":
        query["lang"] = lang
    out = path + ("?" + urlencode(query, doseq=True) if query else "")
    return out + (f"#{fragment}" if fragment else "")


def article_href(lang: str):
    """Where a page's citation points: the cited article's page, at the sentence (``#s-N``)
    or with the cited span marked (``?hl=start-end#hl``)."""

    def href(article_id: str, sentence_index: int | None, span: tuple[int, int] | None = None) -> str:
        hl = f"{span[0]}-{span[1]}" if span else None
        fragment = f"s-{sentence_index}" if sentence_index is not None else ("hl" if span else None)
        return link(f"/articles/{article_id}", lang, fragment=fragment, hl=hl)

    return href


def article_page_href(lang: str):
    return lambda article_id: link(f"/articles/{article_id}", lang)
