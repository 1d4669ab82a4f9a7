"""Count the event summary's breaches of issue 18's readability requirements.

Every summary of two sets is read by the rules the issue states, and each breach counted:

* **headline / question / caption**: a chosen sentence that is an article's title line not
  ending like a sentence, a question (its article sentence ends with ``؟``/``?``, or a question
  mark inside what is kept; a question mark inside a statement is counted apart, as a
  "quoted question"), or a caption or list line (``readable.left_out``'s own test);
* **leans, out of place**: a kept part that opens with a connective of ``discourse.txt`` or that
  leans on the sentence before (``readable.leans_back``: a pronoun, a demonstrative among the
  first two words, a verb without its subject, a speaker named before), when the summary
  sentence before it is not that sentence of the same article (or it opens the summary);
* **repeat**: two summary sentences saying the same thing, by a word-overlap bound: at least
  ``event_first.SAME_WORDS_SHARE`` (0.6) of the shorter one's content terms (light stems, stop
  words aside, figures by value: ``event_first.said_terms``) are in the other;
* **short**: the summary more than 10 % short of its budget (``event_first.FILL_SLACK``)
  when the articles' bodies hold the budget's words; **fillable**: short, and a readable
  sentence left (``readable.candidates``, standing alone) that says nothing a summary sentence
  says (the repeat bound) fits the room or can be cut to it; **over**: longer than the budget;
* **uncited**: a sentence citing no outlet;
* **opening**: what the first sentence names of "who did what, where, when" (issue 18, part 1):
  **dateline** (not a breach: it names no day and carries the day the sources state,
  :func:`event_first.day_from_sources`: the cited openings' day, else that of the event's other
  sentences that tell it, else a looser retelling naming the same happening), **no day** (no day of the event, by its words,
  :func:`event_first.names_event_day`, nor a dateline), **no day, sources have one** (and another
  article's first body sentence names the event's day), **no who** (no person
  or organisation the names reader found), **no where** (no place), **no what** (no happening
  word of ``happening_kinds.txt``: a weak reading, the list is short);
* **cut**: a sentence kept only in part (it ends before its article sentence does, at a clause
  boundary); **fragment**: a cut that breaks off inside a quotation, between a speaker and what
  they said, or right before a predicate (``readable.leaves_fragment``: "ذكرت المتحدثة ...،
  الثلاثاء" without "، أن ...").

The sets: every event of the summary gold outside ``test`` and the unspent ``fresh33`` to ``fresh41`` (the budget: the reference's
length, the pool built as ``khabar eval summarize`` builds it), and ``--ant N`` multi-outlet
stories of an ANT store that no gold file uses (``benchmarks/ant_stream.py --db FILE`` makes
the store; stories of 2-8 articles from two outlets or more, a seeded sample; the pool and
figures built as ``khabar brief`` builds them, the default budget).  ``--show KIND`` prints
each breach of that kind for reading; ``--save`` writes every summary's breaches (JSON).

    python scripts/summary_readability_audit.py [--gold tests/gold/summaries/ant_events.json]
        [--db /tmp/ant.sqlite3 --ant 300 --seed 18] [--show leans] [--save FILE] [--fragment-cuts]
        [--no-dateline] [--cited-day-only] [--subject-cuts] [--close-day-only]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from khabar.config import BriefOptions
from khabar.errors import InputError
from khabar.evaluate.splits import SPLITS
from khabar.evaluate.summaries import body_words, budget_of, read_events, word_count
from khabar.model import SummarySentence
from khabar.pipeline import analyze
from khabar.relate.corroborate import SentencePool
from khabar.summarize import event_first, pool_quantities, readable, summarize
from khabar.extract.happenings import happening_kinds
from khabar.summarize.event_first import FILL_SLACK, body_positions, names_event_day, said_terms, same_words
from khabar.summarize.readable import Candidate
from khabar.text.ar.tokenize import words

ROOT = Path(__file__).resolve().parent.parent
KINDS = (
    "headline", "question", "quoted question", "caption", "leans", "repeat", "short", "fillable", "over", "uncited", "cut",
    "fragment", "dateline", "opening: dateline", "opening: no day", "opening: no day, sources have one", "opening: no who", "opening: no where",
    "opening: no what",
)
#: A summary sentence that still opens with an agency in brackets and a dash ("(CNN)-- ...").
_AGENCY_OPENING = re.compile(r"^\s*\([^()\n]{1,30}\)\s*[-–—]")
_ANT_PATH = re.compile(r"(?:Alarabia|BBC|CNN|France24|SkyNews)/[A-Za-z]+/[A-Za-z0-9_-]+\.txt")


def breaches(
    pool: SentencePool, summary: Sequence[SummarySentence], budget: int, options: BriefOptions
) -> list[tuple[str, str]]:
    """(kind, what) for each breach of the summary ``summary`` of ``pool``'s articles."""
    out: list[tuple[str, str]] = []
    by_id = {d.article.id: d for d in pool.docs}
    openers = readable._openers()
    for k, s in enumerate(summary):
        doc = by_id[s.article_id]
        sentence = doc.sentences[s.sentence_index]
        whole = sentence.text.strip()
        if sentence.is_title and not whole.rstrip(readable._CLOSERS).endswith(readable._FINAL):
            out.append(("headline", s.text))
        if readable.is_question(whole) or readable.is_question(s.text):
            out.append(("question", s.text))
        elif "؟" in s.text or "?" in s.text:
            out.append(("quoted question", s.text))  # a statement reporting one
        reason = readable.left_out(sentence, punctuated_article=readable.punctuated(doc))
        if reason in ("caption", "announcement"):
            out.append(("caption", s.text))
        kept = words(s.text)
        connective = bool(readable.match_at(kept, 0, openers.connectives))
        if connective or readable.leans_back(kept, sentence, doc, s.start):
            before = summary[k - 1] if k else None
            if before is None or before.article_id != s.article_id or before.sentence_index != s.sentence_index - 1:
                out.append(("leans", s.text))
        if not s.outlets:
            out.append(("uncited", s.text))
        if _AGENCY_OPENING.match(s.text):
            out.append(("dateline", s.text))
        rest = doc.article.text[s.end : sentence.end]
        if rest.strip(" .،,؛;!…"):
            out.append(("cut", f"{s.text} ||| {rest}"))
            if readable.leaves_fragment(doc, sentence, s.start, s.end):
                out.append(("fragment", f"{s.text} ||| {rest}"))
    rows = {(d.article.id, s.index): r for r, (k, i) in enumerate(pool.refs) for d in [pool.docs[k]] for s in [d.sentences[i]]}
    if summary:
        out += opening_breaches(pool, summary[0], rows)
    terms = [
        said_terms(pool, Candidate(rows[(s.article_id, s.sentence_index)], s.start, s.end, word_count(s.text)))
        for s in summary
    ]
    for i in range(len(summary)):
        for j in range(i + 1, len(summary)):
            if same_words(terms[i], terms[j]):
                out.append(("repeat", f"{summary[i].text}  ||  {summary[j].text}"))
    n_words = sum(word_count(s.text) for s in summary)
    if n_words < (1 - FILL_SLACK) * budget and sum(body_words(d) for d in pool.docs) >= budget:
        out.append(("short", f"{n_words} of {budget} words"))
        room = budget - n_words
        chosen = {rows[(s.article_id, s.sentence_index)] for s in summary}
        for row, c in readable.candidates(pool, options=options).items():
            if row in chosen or c.antecedent is not None or any(same_words(said_terms(pool, c), t) for t in terms):
                continue
            if c.words <= room or readable.cut_to_fit(pool, c, room, min_words=options.min_sentence_words):
                out.append(("fillable", f"{n_words} of {budget} words; {pool.docs[pool.doc_of(row)].article.text[c.start:c.end]}"))
                break
    if n_words > budget:
        out.append(("over", f"{n_words} of {budget} words"))
    return out


def opening_breaches(pool: SentencePool, s: SummarySentence, rows: dict[tuple[str, int], int]) -> list[tuple[str, str]]:
    """What the opening sentence ``s`` leaves out of who did what, where, when."""
    out: list[tuple[str, str]] = []
    row = rows[(s.article_id, s.sentence_index)]
    if s.day is not None:
        out.append(("opening: dateline", f"{s.day} ||| {s.text}"))
    elif not names_event_day(pool, Candidate(row, s.start, s.end, word_count(s.text))):
        out.append(("opening: no day", s.text))
        positions = body_positions(pool)
        for r in range(len(pool)):
            sentence = pool.sentence(r)
            if positions[r] == 0 and not sentence.is_title and pool.docs[pool.doc_of(r)].article.id != s.article_id:
                if names_event_day(pool, Candidate(r, sentence.start, sentence.end, 0)):
                    out.append(("opening: no day, sources have one", f"{s.text} ||| {sentence.text}"))
                    break
    doc = pool.docs[pool.doc_of(row)]
    kinds = {m.kind for m in doc.mentions if s.start <= m.start and m.end <= s.end}
    if not kinds & {"person", "organisation"}:
        out.append(("opening: no who", s.text))
    if "place" not in kinds:
        out.append(("opening: no where", s.text))
    if not happening_kinds(s.text):
        out.append(("opening: no what", s.text))
    return out


def gold_sets(gold: Path):
    """(name, pool, budget, options) of every gold event outside ``test`` and the unspent ``fresh33`` to ``fresh41`` (never read)."""
    for split in SPLITS:
        if split in ("test", "fresh33", "fresh34", "fresh35", "fresh36", "fresh37", "fresh38", "fresh39", "fresh40", "fresh41"):
            continue  # test is measured once elsewhere (fresh25 + fresh26 judged round 34, fresh27-29 round 36, fresh30 round 37, fresh31 + fresh32 round 38: spent); fresh33 to fresh41 are unspent
        try:
            clusters = read_events(gold, split=split)
        except InputError:
            continue  # no event in this split
        for cluster in clusters:
            budget = budget_of(cluster, None)
            pool = SentencePool.build([analyze(a) for a in cluster.articles])
            yield f"{split}/{cluster.name}", pool, budget, BriefOptions(length_words=budget)


def gold_article_paths() -> set[str]:
    """Every ANT article path any gold file names (only the paths are read)."""
    found: set[str] = set()
    for path in (ROOT / "tests" / "gold").rglob("*"):
        if path.is_file() and path.suffix in (".json", ".jsonl"):
            found.update(_ANT_PATH.findall(path.read_text(encoding="utf-8")))
    return found


def ant_stories(db: Path, n: int, seed: int):
    """(story id, articles) of ``n`` seeded multi-outlet ANT stories of 2-8 articles from the
    store ``db`` whose articles no gold file names (the audit's and speaker_variants.py's draw)."""
    import khabar
    from khabar.store import open_store

    ant = ROOT.parent / "shared" / "corpora" / "ant"
    used = {a.id for a in khabar.read([ant / p for p in sorted(gold_article_paths())])}
    with open_store(db) as store:
        stories = [s for s in store.stories(limit=1_000_000, min_size=2, min_outlets=2) if s.size <= 8]
        stories.sort(key=lambda s: s.id)
        random.Random(seed).shuffle(stories)
        taken = 0
        for story in stories:
            if taken >= n:
                return
            articles = store.story_articles(story.id)
            if any(a.id in used for a in articles):
                continue
            taken += 1
            yield story.id, articles


def ant_sets(db: Path, n: int, seed: int):
    """(name, pool, budget, options) of ``n`` multi-outlet ANT stories no gold uses, as a brief."""
    from khabar.relate.embeddings import get_encoder

    options = BriefOptions()
    for story_id, articles in ant_stories(db, n, seed):
        docs = [analyze(a) for a in articles]
        pool = SentencePool.build(docs, encoder=get_encoder(options.encoder), threshold=options.support_threshold)
        yield f"ant/{story_id}", pool, options.length_words, options


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold" / "summaries" / "ant_events.json")
    parser.add_argument("--no-gold", action="store_true", help="skip the gold events")
    parser.add_argument("--db", type=Path, help="an ANT store grouped into stories (benchmarks/ant_stream.py)")
    parser.add_argument("--ant", type=int, default=300, help="how many ANT stories (with --db)")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--show", default="", help="print the breaches of these kinds (comma-separated)")
    parser.add_argument("--save", type=Path, help="write every summary's breaches (JSON)")
    parser.add_argument(
        "--fragment-cuts", action="store_true", help="let a cut break off mid-statement, as before session 34 (readable.WHOLE_CUTS off)"
    )
    parser.add_argument(
        "--no-dateline", action="store_true", help="no day from the sources before the opening (event_first.DAY_FROM_SOURCES off, before session 35)"
    )
    parser.add_argument(
        "--cited-day-only",
        action="store_true",
        help="the dateline's day only from the cited openings (event_first.DAY_FROM_EVENT_SENTENCES off, before session 36)",
    )
    parser.add_argument(
        "--subject-cuts",
        action="store_true",
        help="let a cut stop after the subject of what is said (readable.CONTENT_SUBJECT_CUTS off, before session 36)",
    )
    parser.add_argument(
        "--close-day-only",
        action="store_true",
        help="no day lent by a looser retelling that names the same happening (event_first.SAME_HAPPENING_DAYS off, before session 37)",
    )
    args = parser.parse_args()
    readable.WHOLE_CUTS = not args.fragment_cuts
    readable.CONTENT_SUBJECT_CUTS = not args.subject_cuts
    event_first.DAY_FROM_SOURCES = not args.no_dateline
    event_first.DAY_FROM_EVENT_SENTENCES = not args.cited_day_only
    event_first.SAME_HAPPENING_DAYS = not args.close_day_only
    show = set(filter(None, args.show.split(",")))
    sets = []
    if not args.no_gold:
        sets.append(("gold (dev..fresh, test never read)", gold_sets(args.gold)))
    if args.db:
        sets.append((f"ANT stories ({args.ant}, seed {args.seed})", ant_sets(args.db, args.ant, args.seed)))
    saved: dict[str, list] = {}
    for title, items in sets:
        sentences, summaries = 0, 0
        in_sentences, in_summaries = Counter(), Counter()
        for name, pool, budget, options in items:
            summary = summarize(pool, options=options, quantities=pool_quantities(pool, options=options))
            found = breaches(pool, summary, budget, options)
            summaries += 1
            sentences += len(summary)
            in_sentences.update(kind for kind, _ in found)
            in_summaries.update({kind for kind, _ in found})
            saved[name] = [[kind, what] for kind, what in found]
            for kind, what in found:
                if kind in show:
                    print(f"[{kind}] {name}: {what}", flush=True)
        print(f"\n{title}: {summaries} summaries, {sentences} sentences")
        print("| breach | sentences (pairs for repeat) | summaries |")
        print("|---|---|---|")
        for kind in KINDS:
            print(f"| {kind} | {in_sentences[kind]} | {in_summaries[kind]} |")
    if args.save:
        args.save.write_text(json.dumps(saved, ensure_ascii=False, indent=0), encoding="utf-8")


if __name__ == "__main__":
    main()
