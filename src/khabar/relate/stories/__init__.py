"""Stories: a stream of articles grouped into events, incrementally, with no I/O.

:mod:`~khabar.relate.stories.features` turns an article into what it is grouped by (a
MinHash signature and a TF-IDF term vector); :mod:`~khabar.relate.stories.index` assigns
signed articles to stories one at a time; :mod:`~khabar.relate.stories.state` is an index
as data, to persist and resume.  Running this over a store is :mod:`khabar.scale.cluster`.
"""

from khabar.relate.stories.features import (
    EVENT_DAY_REACH,
    MIN_FEATURES,
    ArticleTerms,
    SignedArticle,
    StoredSignature,
    anchor_set,
    article_features,
    article_signature,
    estimated_jaccard,
    order_key,
    read_signature_blob,
    signature_blob,
    term_vector,
)
from khabar.relate.stories.index import CHAIN_GUARD_SIZE, StoryIndex, assign_stories
from khabar.relate.stories.state import Story, StoryIndexState, Storyline

__all__ = [
    "EVENT_DAY_REACH",
    "CHAIN_GUARD_SIZE",
    "MIN_FEATURES",
    "ArticleTerms",
    "SignedArticle",
    "Story",
    "StoryIndex",
    "StoryIndexState",
    "Storyline",
    "StoredSignature",
    "anchor_set",
    "article_features",
    "article_signature",
    "assign_stories",
    "estimated_jaccard",
    "order_key",
    "read_signature_blob",
    "signature_blob",
    "term_vector",
]
