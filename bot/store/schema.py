"""The schema, as an ordered list of migrations; `PRAGMA user_version` says how many ran."""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: articles, quotations (each occurrence), statements (grouped quotations), the search
    # index over folded quotation text, and the moderators' corrections and audit log.
    """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        file TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL,
        title TEXT NOT NULL,
        outlet TEXT,
        url TEXT,
        published TEXT,
        language TEXT NOT NULL
    );
    CREATE TABLE statements (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        speaker TEXT NOT NULL,
        text TEXT NOT NULL
    );
    CREATE TABLE quotations (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        statement_id INTEGER REFERENCES statements(id) ON DELETE SET NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        norm TEXT NOT NULL,
        speaker TEXT NOT NULL,
        kind TEXT NOT NULL,
        cue TEXT
    );
    CREATE INDEX quotations_article ON quotations(article_id);
    CREATE INDEX quotations_statement ON quotations(statement_id);
    CREATE INDEX quotations_speaker ON quotations(speaker);
    CREATE VIRTUAL TABLE quotation_fts USING fts5(
        norm, content='quotations', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER quotations_ai AFTER INSERT ON quotations BEGIN
        INSERT INTO quotation_fts(rowid, norm) VALUES (new.id, new.norm);
    END;
    CREATE TRIGGER quotations_ad AFTER DELETE ON quotations BEGIN
        INSERT INTO quotation_fts(quotation_fts, rowid, norm) VALUES ('delete', old.id, old.norm);
    END;
    CREATE VIRTUAL TABLE quotation_vocab USING fts5vocab('quotation_fts', 'row');
    CREATE TABLE corrections (
        id INTEGER PRIMARY KEY,
        target TEXT NOT NULL,          -- 'quotation' | 'statement' | 'article'
        article_file TEXT NOT NULL,
        quote_norm TEXT,               -- which quotation or statement, stable across re-indexing
        field TEXT NOT NULL,           -- 'hidden' | 'speaker' | 'outlet'
        value TEXT,
        moderator_id INTEGER,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        moderator_id INTEGER NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        before TEXT,
        after TEXT,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    INSERT INTO meta(key, value) VALUES ('generation', '0');
    """,
    # 2: moderators can hide a quotation (and so a statement) from answers.
    """
    ALTER TABLE quotations ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
    """,
    # 3: sentence vectors for search by meaning, keyed by the model and the text of the piece
    # (see bot.core.meaning), so that unchanged quotations are never embedded twice.
    """
    CREATE TABLE piece_vectors (
        id INTEGER PRIMARY KEY,  -- a rowid table: rows of a kilobyte are too big for WITHOUT ROWID
        model TEXT NOT NULL,
        key TEXT NOT NULL,
        vector BLOB NOT NULL,
        UNIQUE (model, key)
    );
    """,
    # 4: which quotations (article file + folded text, stable across re-indexing) each logged
    # correction named, so that the id it was made with can undo it after re-grouping.
    """
    ALTER TABLE audit_log ADD COLUMN quotations TEXT;
    """,
    # 5: a hash of each article's text as the reader reads it (folded), so that a page sent again under another
    # URL is found already indexed; and its URL looked up for the same reason.
    """
    ALTER TABLE articles ADD COLUMN text_hash TEXT;
    CREATE INDEX articles_text_hash ON articles(text_hash);
    CREATE INDEX articles_url ON articles(url);
    """,
    # 6: follows (a chat follows a speaker or some words) and the alerts owed to chats, kept a while once
    # sent: they count against the hourly limit, and a statement is owed to a chat once (its article file
    # and folded text name it across re-indexing).
    """
    CREATE TABLE follows (
        id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL,
        private INTEGER NOT NULL,      -- a private chat with the user who follows
        language TEXT NOT NULL,
        kind TEXT NOT NULL,            -- 'speaker' | 'words'
        value TEXT NOT NULL,           -- a speaker id | folded words
        shown TEXT NOT NULL,           -- the words as the user wrote them
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        UNIQUE (chat_id, kind, value)
    );
    CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL,
        article_file TEXT NOT NULL,
        quote_norm TEXT NOT NULL,
        follow_kind TEXT NOT NULL,
        follow_value TEXT NOT NULL,
        owed_at REAL NOT NULL,         -- unix time
        sent_at REAL,                  -- NULL while owed
        sent_as TEXT,                  -- 'card' | 'digest'
        UNIQUE (chat_id, article_file, quote_norm)
    );
    CREATE INDEX alerts_chat ON alerts(chat_id, sent_at);
    """,
    # 7: the feeds polled: what a conditional request sends back, the hash of the last body read, the last
    # success and the last failure (and whether moderators were told of it); and the entries already seen.
    """
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        content_hash TEXT,
        last_success REAL,             -- unix time
        last_error TEXT,               -- a reason of bot.library.fetching.REASONS, or 'unreadable'
        last_error_status INTEGER,
        last_error_detail TEXT,
        last_error_at REAL,
        error_reported INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE feed_entries (
        feed_url TEXT NOT NULL,
        entry TEXT NOT NULL,           -- its id, else its link
        seen_at REAL NOT NULL,
        PRIMARY KEY (feed_url, entry)
    ) WITHOUT ROWID;
    """,
    # 8: the language each moderator last wrote in, so that what the bot tells them unasked (a feed that
    # fails) is in their language after a restart too.
    """
    CREATE TABLE chat_languages (
        chat_id INTEGER PRIMARY KEY,
        language TEXT NOT NULL
    );
    """,
    # 9: a random name for the index's current state, changed with each generation: files kept beside the store
    # for one state of the index (the vector index) are named with it (see Store.index_build).
    """
    INSERT INTO meta(key, value) VALUES ('build', lower(hex(randomblob(8))));
    """,
]
