"""People, organisations and places: found in each article, then one entity per referent.

:mod:`~khabar.extract.entities.recognition` finds the mentions of one article (with
:mod:`~khabar.extract.entities.people` and :mod:`~khabar.extract.entities.places` for the
passes over one sentence, :mod:`~khabar.extract.entities.spans` for what they share and
:mod:`~khabar.extract.entities.gazetteers` for the word lists);
:mod:`~khabar.extract.entities.linking` makes one entity per referent across the corpus.
"""

from khabar.extract.entities.gazetteers import BIO_TYPES, KINDS, ORG, PERSON, PLACE
from khabar.extract.entities.linking import entity_id, link_entities, same_person, skeleton
from khabar.extract.entities.recognition import bare_surname_ok, find_mentions, lead_mentions, lead_names, tag_tokens

__all__ = [
    "BIO_TYPES",
    "KINDS",
    "ORG",
    "PERSON",
    "PLACE",
    "bare_surname_ok",
    "entity_id",
    "find_mentions",
    "lead_mentions",
    "lead_names",
    "link_entities",
    "same_person",
    "skeleton",
    "tag_tokens",
]
