"""e5 beside the shipped sentence band: a seventh band feature, measured (issue 14, session 30; what-if).

Session 24's e5 band put e5's cosine *in place of* a second meaning (no USE sentences then); the
shipped band (sessions 27-28) reads USE sentences.  This asks what e5 adds *beside* them: the
shipped six :data:`~khabar.relate.stories.band.BAND_FEATURES` and ``e5_mean``, the mean e5 cosine
of the article to the event's reports (title and first 40 words, ``event_second_opinion.e5_vectors``;
0.3 when a vector is missing), refitted and cross-validated exactly as ``event_e5_band.py pool``
does (oracle-stream band rows of the other splits, each held-out split grouped by ``src``'s
``StoryIndex`` with that model).  Without ``--e5`` it runs the shipped six the same way (the
baseline of the same run).  Nothing in ``src`` changes: this process patches the band's feature list
and wraps ``StoryIndex._band_scores`` so that ``band_values`` knows the article and the candidate.

    python scripts/event_e5_feature.py pool dev,fresh,...,fresh28 --past-linkage --thresholds 0.5,0.55,0.6 --e5
    python scripts/event_e5_feature.py pool dev,fresh,...,fresh28 --past-linkage --thresholds 0.5,0.55
    python scripts/event_e5_feature.py fit dev,...,fresh28 --past-linkage --model /tmp/m.json --e5
    python scripts/event_e5_feature.py reach --model /tmp/m.json --e5   # against the shipped band

Session 31: an e5-taught static model in e5's place -- ``--e5 --e5-cache S.npz`` with a student's
vectors of the splits' articles (``event_e5_student.py --out``, cross-fitted), ``--e5 --student
MODEL.npz`` with one model (``build_meaning_vectors.py --teacher e5``), and ``reach ... --student MODEL.npz``.

Spent splits only (``event_e5_band.py`` refuses others).  e5 caches: ``--e5-cache`` for the splits'
articles, ``/tmp/events-e5-window.npz`` for the reach window.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import event_e5_band as band_script  # noqa: E402  (pool, fit, reach)
import event_second_opinion as second  # noqa: E402  (e5 vectors)

from khabar.relate.stories import band as band_module  # noqa: E402
from khabar.relate.stories import index as index_module  # noqa: E402

E5: dict[str, np.ndarray] = {}
MISSING = 0.3  # the e5 mean of a candidate whose vectors are missing (about the band rows' median)
#: ``event_e5_gate.py --e5-members K`` (session 33, a cost what-if): the grouping's e5 mean reads
#: an event's first K reports only (the model's rows keep reading them all).
MEMBERS: int | None = None
_CONTEXT: dict[str, object] = {}  # the article being added, and its candidates' members by openings


def e5_mean(article_id: str, members) -> float:
    mine = E5.get(article_id)
    theirs = [E5[m] for m in members if m in E5]
    return float(np.mean([mine @ v for v in theirs])) if mine is not None and theirs else MISSING


def _install() -> None:
    band_module.BAND_FEATURES = (*band_module.BAND_FEATURES, "e5_mean")
    band_script.BAND_FEATURES = band_module.BAND_FEATURES
    shipped_values = band_module.band_values
    shipped_scores = index_module.StoryIndex._band_scores
    shipped_row = band_script.band_row

    def band_values(**kw):
        members = _CONTEXT["members"].get(id(kw["event_openings"]), ())
        members = list(members)[:MEMBERS] if MEMBERS else members
        return (*shipped_values(**kw), e5_mean(_CONTEXT["article"], members))

    def band_scores(self, band, item, *args):
        _CONTEXT["article"] = item.article_id
        _CONTEXT["members"] = {id(a.openings): a.members for a in self._active.values()}
        return shipped_scores(self, band, item, *args)

    def band_row(index, item, c, fails, p, vectors):  # the oracle rows the model is fitted on
        row = shipped_row(index, item, c, fails, p, vectors)
        return None if row is None else np.append(row, e5_mean(item.article_id, index._active[c.story_id].members))

    band_module.band_values = band_values
    index_module.StoryIndex._band_scores = band_scores
    band_script.band_row = band_row


def reach_against_band(model_path: Path, student: Path | None = None) -> None:
    """Articles of ``corpus.ant_window(1000)`` whose event co-members change from the shipped band's
    grouping (the defaults) to the band model in ``model_path`` (six + e5)."""
    from khabar.config import StoryOptions, build_options
    from khabar.relate.stories import SignedArticle
    from khabar.relate.stories.band import BandModel, load_band_model
    from khabar.scale.cluster import sign_batch

    options = build_options(StoryOptions, event_band=False)
    articles = second._window_articles(1000)
    signed = [s for s in sign_batch(articles, options=options) if isinstance(s, SignedArticle)]
    vectors = band_script.band_vectors(articles, Path(f"/tmp/events-s27-band-{len(articles)}.pkl"))
    base = band_script.src_grouping(signed, options, load_band_model(), vectors)  # before _install
    E5.update(second.student_vectors(articles, student) if student else second.e5_vectors(articles, Path("/tmp/events-e5-window.npz")))
    _install()
    band_script.NEEDED.clear()
    after = band_script.src_grouping(signed, options, BandModel.from_json(model_path.read_text(encoding="utf-8"), band_module.BAND_FEATURES), vectors)
    before, now = second.co_members(base), second.co_members(after)
    changed = sum(1 for k in before if before[k] != now[k])
    print(f"reach: {changed} of {len(signed)} signed articles change event co-members ({changed / len(signed):.1%}) "
          f"against the shipped band; events {len(set(base.values()))} -> {len(set(after.values()))}; "
          f"the band read the vectors of {len(band_script.NEEDED)} articles")


def main() -> None:
    if sys.argv[1:2] == ["reach"]:
        at = sys.argv.index("--model")
        student = Path(sys.argv[sys.argv.index("--student") + 1]) if "--student" in sys.argv else None
        return reach_against_band(Path(sys.argv[at + 1]), student)
    with_e5 = "--e5" in sys.argv
    cache = Path("/tmp/events-s30/e5-pool28.npz")
    if "--e5-cache" in sys.argv:
        at = sys.argv.index("--e5-cache")
        cache = Path(sys.argv[at + 1])
        del sys.argv[at : at + 2]
    student = None
    if "--student" in sys.argv:  # an e5-taught static model in e5's place (session 31)
        at = sys.argv.index("--student")
        student = Path(sys.argv[at + 1])
        del sys.argv[at : at + 2]
    sys.argv = [a for a in sys.argv if a != "--e5"]
    if with_e5:
        from khabar.config import StoryOptions, build_options

        splits = [s for s in (sys.argv[2] if len(sys.argv) > 2 else "").split(",") if s]
        refused = [s for s in splits if s not in band_script.losses.SPENT]
        if refused:
            sys.exit(f"{', '.join(refused)}: not a spent split of the event gold; judged on, never read here")
        options = build_options(StoryOptions, event_band=False)
        articles = [a for s in splits for a in band_script._split_data(s, options)[3]]
        E5.update(second.student_vectors(articles, student) if student else second.e5_vectors(articles, cache))
        _install()
    band_script.main()


if __name__ == "__main__":
    main()
