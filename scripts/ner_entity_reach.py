"""Reach of an entity rule on ANT (issue 17, session 36; session 34's ``reach_dump.py``): N ANT
articles of 700-2,500 characters, none named by any file of any worktree
(``draw_frame_articles.used_anywhere``), shuffled by SEED; ``dump`` pickles each article's
mentions and linked entities with the khabar on the path, ``compare`` counts the articles whose
entity lists differ between two dumps of the same seeds (by section) and the mentions lost and
added.  Run ``dump`` once with main's src on ``PYTHONPATH`` and once with the branch:

    KHABAR_PURE=1 PYTHONPATH=/tmp/main-src/src python scripts/ner_entity_reach.py dump 2026361 300 /tmp/r_main_2026361.pkl
    KHABAR_PURE=1 python scripts/ner_entity_reach.py dump 2026361 300 /tmp/r_branch_2026361.pkl
    python scripts/ner_entity_reach.py compare /tmp/r_main_2026361.pkl,... /tmp/r_branch_2026361.pkl,...
"""
import collections
import pickle
import random
import sys

sys.path.insert(0, "scripts")


def dump(seed: int, n: int, out: str) -> None:
    import draw_frame_articles as frames
    import khabar
    from khabar.extract.entities import linking
    from khabar.pipeline import analyze_many

    used, _b, _e = frames.used_anywhere()
    allp = sorted(str(p.relative_to(frames.CORPORA / "ant")) for p in (frames.CORPORA / "ant").glob("*/*/*.txt"))
    random.Random(seed).shuffle(allp)
    picked = []
    for rel in allp:
        if len(picked) >= n:
            break
        if rel in used:
            continue
        if 700 <= len((frames.CORPORA / "ant" / rel).read_text(encoding="utf-8")) <= 2500:
            picked.append(rel)
    docs = analyze_many(khabar.read([frames.CORPORA / "ant" / r for r in picked]))
    rows = []
    for rel, d in zip(picked, docs):
        ents = linking.link_entities(list(d.mentions), {d.article.id: d.article.text})
        rows.append(dict(rel=rel, text=d.article.text, mentions=[(m.start, m.end, m.kind, m.text) for m in d.mentions],
                         ents=[(m.start, m.end, e.kind, m.text) for e in ents for m in e.mentions]))
    pickle.dump(rows, open(out, "wb"))
    print(len(rows), "articles")


def compare(befores: list[str], afters: list[str]) -> None:
    total = touched = 0
    lost, added, by_section, sections = (collections.Counter() for _ in range(4))
    for before, after in zip(befores, afters):
        for x, y in zip(pickle.load(open(before, "rb")), pickle.load(open(after, "rb"))):
            assert x["rel"] == y["rel"], "two dumps of different seeds"
            section = x["rel"].split("/")[1]
            sections[section] += 1
            total += 1
            a, b = collections.Counter(x["ents"]), collections.Counter(y["ents"])
            if a != b:
                touched += 1
                by_section[section] += 1
                lost.update((k[2], k[3]) for k in (a - b).elements())
                added.update((k[2], k[3]) for k in (b - a).elements())
    print(f"{touched} of {total} articles ({100 * touched / total:.1f} %)")
    print({s: (by_section[s], sections[s]) for s in sections})
    print("lost", sum(lost.values()), lost.most_common())
    print("added", sum(added.values()), added.most_common())


if __name__ == "__main__":
    if sys.argv[1] == "dump":
        dump(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    else:
        compare(sys.argv[2].split(","), sys.argv[3].split(","))
