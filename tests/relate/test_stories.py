"""Story grouping: one behaviour per test, on small reports written for these tests."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

import pytest

from khabar.config import StoryOptions
from khabar.errors import InputError, OptionsError
from khabar.relate.stories import SignedArticle, StoryIndex, StoryIndexState, article_signature, assign_stories
from story_texts import (
    COPY,
    DAY,
    NOUNS,
    OPTIONS,
    OTHER_EVENT,
    PARAPHRASE,
    REWRITE,
    WIRE,
    WIRE_BODY,
    WIRE_TITLE,
    article,
    daily_stream,
    signed,
)


def test_an_edited_copy_joins_the_story_of_its_original():
    result = assign_stories([signed(WIRE), signed(COPY)], options=OPTIONS)
    assert result[COPY.id] == result[WIRE.id]


def test_a_rewrite_of_the_same_event_joins_its_story():
    result = assign_stories([signed(WIRE), signed(REWRITE)], options=OPTIONS)
    assert result[REWRITE.id] == result[WIRE.id]


def test_another_event_in_the_same_town_on_the_same_day_stays_apart():
    result = assign_stories([signed(WIRE), signed(REWRITE), signed(OTHER_EVENT)], options=OPTIONS)
    assert result[OTHER_EVENT.id] != result[WIRE.id]


def test_the_window_splits_an_old_and_a_new_story_on_the_same_topic():
    # The same words three weeks later: a new collapse of the same bridge is a new story.
    later = article(WIRE_TITLE, WIRE_BODY + " وهذا ثاني انهيار.", day=DAY + dt.timedelta(days=21))
    result = assign_stories([signed(WIRE), signed(later)], options=replace(OPTIONS, window_days=3))
    assert result[later.id] != result[WIRE.id]


@pytest.mark.parametrize("edge", [dt.date.min, dt.date.max])
def test_articles_dated_at_the_ends_of_the_calendar_are_grouped(edge):
    # a story window around 9999-12-31 once raised OverflowError on every run of grouping
    first = article(WIRE_TITLE, WIRE_BODY, day=edge)
    copy = article(COPY.title, COPY.body, day=edge)
    result = assign_stories([signed(first), signed(copy), signed(REWRITE)], options=OPTIONS)
    assert result[copy.id] == result[first.id]


def test_the_story_title_is_its_earliest_article_title():
    late = article(REWRITE.title, REWRITE.body, day=DAY + dt.timedelta(days=1))
    index = StoryIndex(OPTIONS)
    story_id = assign_stories([signed(late), signed(WIRE)], options=OPTIONS, index=index)[WIRE.id]
    assert index.story(story_id).title == WIRE_TITLE


def test_assignments_do_not_depend_on_input_order():
    items = [signed(a) for a in (WIRE, COPY, REWRITE, OTHER_EVENT)]
    first = assign_stories(items, options=OPTIONS)
    shuffled = items[:]
    random.Random(3).shuffle(shuffled)
    assert assign_stories(shuffled, options=OPTIONS) == first


def test_retiring_keeps_the_index_bounded_by_the_window():
    options = replace(OPTIONS, window_days=2)
    index = StoryIndex(options)
    sizes = []
    for item in daily_stream(30):
        assign_stories([item], options=options, index=index)
        sizes.append(len(index))
    assert index.active_stories > 1  # several stories at once, or the bound says nothing
    # only the stories of the last window_days + 1 days stay indexed (a story may hold an
    # article that joined it by chance), not the 30 articles of the stream
    assert max(sizes) <= 2 * (options.window_days + 1)


def test_a_story_older_than_the_last_cut_is_retired_at_the_same_cut():
    # retire() skips its scan while the cut has not moved; a story that appears behind the
    # cut (an out-of-order article) must still go at the next call with the same cut.
    options = replace(OPTIONS, window_days=2)
    index = StoryIndex(options)
    stream = daily_stream(10)
    assign_stories(stream, options=options, index=index)
    cut = stream[-1].published - dt.timedelta(days=options.window_days)
    assert index.retire(cut) == 0  # nothing new since the stream's own retiring
    late = signed(article(OTHER_EVENT.title, OTHER_EVENT.body, day=stream[0].published), options)
    story = index.add(late)
    assert index.story(story) is not None
    assert index.retire(cut) == 1 and index.story(story) is None


def test_a_state_round_trip_continues_exactly_like_the_original_index():
    items = [signed(a) for a in (WIRE, OTHER_EVENT)]
    index = StoryIndex(OPTIONS)
    assign_stories(items, options=OPTIONS, index=index)
    copy = StoryIndex.from_state(StoryIndexState.from_bytes(index.state().to_bytes()))
    more = [signed(COPY), signed(REWRITE)]
    assert assign_stories(more, options=OPTIONS, index=copy) == assign_stories(more, options=OPTIONS, index=index)


def test_an_empty_index_saved_and_read_back_groups_like_a_new_one():
    # A store whose first batch held nothing groupable saves an index with no story; reading it
    # back must not fail (it did: the members' spans were paired with one start too many).
    state = StoryIndexState.from_bytes(StoryIndex(OPTIONS).state().to_bytes())
    assert state.stories == () and state.member_meanings == ()
    copy = StoryIndex.from_state(state)
    items = [signed(WIRE), signed(COPY)]
    assert assign_stories(items, options=OPTIONS, index=copy) == assign_stories(items, options=OPTIONS)


def test_an_article_with_too_few_words_is_refused_with_its_name():
    with pytest.raises(InputError, match="too few content words"):
        article_signature(article("عاجل", "انفجار."), options=OPTIONS)


# --- second stage: TF-IDF cosine to the story centroid ------------------------------------

def test_a_rewrite_in_other_words_with_the_same_people_place_and_day_joins_its_story():
    items = [signed(WIRE), signed(PARAPHRASE)]
    assert assign_stories(items, options=replace(OPTIONS, cosine_threshold=None))[PARAPHRASE.id] != WIRE.id  # precondition
    result = assign_stories(items, options=OPTIONS)
    assert result[PARAPHRASE.id] == result[WIRE.id]


def test_another_event_in_the_same_town_naming_the_same_place_stays_apart():
    # Same town, same day, the same bridge named, but other people and other verbs.
    market = article(
        "افتتاح سوق شعبي قرب جسر الوادي في كفر نجم",
        "افتتحت جمعية التجار سوقا شعبيا للخضار قرب جسر الوادي في بلدة كفر نجم يوم الثلاثاء بحضور عشرات الباعة. "
        "وقال رئيس الجمعية فادي حنا إن السوق سيفتح كل يوم جمعة وإن الأسعار ستكون أدنى من المحلات. "
        "وعرض المزارعون منتجاتهم من الزيتون والعسل والألبان.",
    )
    result = assign_stories([signed(WIRE), signed(REWRITE), signed(PARAPHRASE), signed(market)], options=OPTIONS)
    assert result[market.id] not in {result[WIRE.id], result[PARAPHRASE.id]}


def _town_background(n: int) -> list[SignedArticle]:
    """Unrelated reports from the same town and day: the document frequencies the index
    weighs words with come from the articles it holds, as in a real stream."""
    rng = random.Random(5)
    out = []
    for _ in range(n):
        picked = rng.sample(NOUNS, 14)
        out.append(signed(article(" ".join(picked[:4]), "في بلدة كفر نجم يوم الثلاثاء " + " و".join(picked[4:]) + ".")))
    return out


def test_a_large_story_does_not_chain_through_one_member_to_another_event():
    # Four reports of the collapse, the last one ending with the whole report of the
    # teachers' sit-in (it still joins the collapse).  The sit-in report is close to that
    # one member (estimated Jaccard above the threshold), not to the story as a whole, and
    # must not follow it in.
    edge = article(WIRE_TITLE, WIRE_BODY + " " + OTHER_EVENT.body, outlet="موقع النهار")
    index = StoryIndex(OPTIONS)
    for item in [*_town_background(8), signed(WIRE), signed(COPY), signed(REWRITE), signed(edge)]:
        index.add(item)  # this order, not the (day, id) one: the edge joins before the sit-in
    collapse = index.add(signed(WIRE))
    assert index.add(signed(edge)) == collapse and index.story(collapse).size == 4
    assert index.add(signed(OTHER_EVENT)) != collapse


def test_the_default_band_is_left_out_without_sentences_and_refused_when_asked_for():
    # StoryOptions() reads the band where it applies; assign_stories over signatures alone has
    # no sentences to give it, so it groups as event_band=False -- unless the band is asked for
    items = [signed(WIRE), signed(REWRITE), signed(OTHER_EVENT)]
    assert StoryOptions().reads_band
    assert assign_stories(items, options=StoryOptions()) == assign_stories(items, options=OPTIONS)
    with pytest.raises(OptionsError, match="event_band"):
        assign_stories(items, options=StoryOptions(event_band=True))
