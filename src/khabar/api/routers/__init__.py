"""Routes, one module per resource: ingest, articles (and search), briefs, stories (not yet), pages."""
