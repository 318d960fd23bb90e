"""What the product does, for any front end (command line, Telegram): index articles, answer queries,
take moderators' uploads and corrections, draw the timeline and write exports.

Pure pieces come from `bot.core`; the store from `bot.store`. CPU work (spaCy) runs in a worker thread.
"""

from bot.core.dates import DateError, Period, reader_date
from bot.library.exports import (
    FORMATS,
    Export,
    ExportRow,
    TimelineSelection,
    export_bytes,
    find_speaker,
    select_export,
    select_timeline,
    timeline_picture,
)
from bot.library.fetching import FEED_TYPES, HTML_TYPES, Fetched, Fetcher, FetchFailed
from bot.library.indexing import (
    IndexSummary,
    apply_corrections,
    article_files,
    index_data,
    index_directory,
    vectors_missing,
)
from bot.library.moderation import (
    AuditEntry,
    Correction,
    Target,
    parse_target,
    set_hidden,
    set_outlet,
    set_speaker,
    undo_command,
)
from bot.library.pages import AddedPage, PageRefused, add_file, add_url, ingest_page
from bot.library.searching import Answer, Result, Searcher, meaning_model, outlet_label
from bot.library.service import Library, OutletCount, QueryLimiter, RebuildRunning
from bot.library.speakers import Who
from bot.library.text import shorten
from bot.library.uploads import (
    MAX_UPLOAD_BYTES,
    UploadRefused,
    check_upload,
    ingest_upload,
    parse_caption,
    safe_article_name,
    write_source_entry,
)
from bot.store.store import ArticleRow, StatementView, StoredQuotation, Variant  # what readings return

__all__ = [
    "FEED_TYPES",
    "FORMATS",
    "HTML_TYPES",
    "MAX_UPLOAD_BYTES",
    "AddedPage",
    "Answer",
    "ArticleRow",
    "AuditEntry",
    "Correction",
    "DateError",
    "Export",
    "ExportRow",
    "FetchFailed",
    "Fetched",
    "Fetcher",
    "IndexSummary",
    "Library",
    "OutletCount",
    "PageRefused",
    "Period",
    "QueryLimiter",
    "RebuildRunning",
    "Result",
    "Searcher",
    "StatementView",
    "StoredQuotation",
    "Target",
    "TimelineSelection",
    "UploadRefused",
    "Variant",
    "Who",
    "add_file",
    "add_url",
    "apply_corrections",
    "article_files",
    "check_upload",
    "export_bytes",
    "find_speaker",
    "index_data",
    "index_directory",
    "ingest_page",
    "ingest_upload",
    "meaning_model",
    "outlet_label",
    "parse_caption",
    "parse_target",
    "reader_date",
    "safe_article_name",
    "select_export",
    "select_timeline",
    "set_hidden",
    "set_outlet",
    "set_speaker",
    "shorten",
    "timeline_picture",
    "undo_command",
    "vectors_missing",
    "write_source_entry",
]
