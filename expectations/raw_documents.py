"""Suite for raw.documents: every document read is landed with an id, a URI and a status."""
from expectations.checks import GATE, WARN, Suite, in_set, not_null, unique

SUITE = Suite(
    name="raw_documents",
    stage="raw",
    checks=[
        not_null("document_id", GATE),
        unique("document_id", GATE),
        not_null("source_uri", GATE),
        in_set("status", ["ok", "rejected"], GATE),
        not_null("content_type", WARN),
    ],
)
