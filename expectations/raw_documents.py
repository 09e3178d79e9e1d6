"""Suite for raw.documents: every document read is landed with an id, a URI and a status; a
rejected one says why, and an empty file is flagged (it is rejected at cleaning)."""
from expectations.checks import GATE, WARN, Suite, between, in_set, not_null, unique

SUITE = Suite(
    name="raw_documents",
    stage="raw",
    key="source_uri",
    checks=[
        not_null("document_id", GATE),
        unique("document_id", GATE),
        not_null("source_uri", GATE),
        in_set("status", ["ok", "rejected"], GATE),
        not_null("reason", GATE, "a rejected document must say why", where=("status", "rejected"), name="rejection_has_reason"),
        in_set("status", ["ok"], WARN, name="document_readable", reason="the document could not be read (see raw.rejections)"),
        between("n_bytes", 1, None, WARN, "empty document", name="document_not_empty"),
        not_null("content_type", WARN),
    ],
)
