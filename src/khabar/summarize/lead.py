"""Lead baseline for many documents: the first sentences of each article in turn."""

from __future__ import annotations

from khabar.config import BriefOptions
from khabar.relate.corroborate import SentencePool


class LeadSummarizer:
    """Round-robin over articles: first body sentence of each, then the second, ...

    The classic news baseline: journalists put the essentials first.  Titles are skipped
    (they are headlines, not sentences) and near-repeats are not filtered on purpose, so the
    baseline stays a baseline.
    """

    name = "lead"

    def select(self, pool: SentencePool, *, options: BriefOptions) -> list[int]:
        per_doc: dict[int, list[int]] = {}
        for row, (d, _s) in enumerate(pool.refs):
            if not pool.sentence(row).is_title:
                per_doc.setdefault(d, []).append(row)
        chosen: list[int] = []
        words = 0
        depth = 0
        while any(depth < len(rows) for rows in per_doc.values()):
            for d in sorted(per_doc):
                rows = per_doc[d]
                if depth >= len(rows):
                    continue
                n = len(pool.docs[d].sentence_words[pool.refs[rows[depth]][1]])
                if words + n > options.length_words and chosen:
                    return chosen
                chosen.append(rows[depth])
                words += n
            depth += 1
        return chosen
