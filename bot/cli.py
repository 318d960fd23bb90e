"""The `quotebot` command line: extract, eval, index, add, ask, timeline, export, feeds, run.

Each command imports what it needs when it runs, so `quotebot --help` does not load spaCy.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.config import ConfigError, Settings, load_settings, redacted, speakers_file, store_target
from bot.core.dates import DateError
from bot.core.registry import RegistryError, Speaker
from bot.core.sources import SourcesError

if TYPE_CHECKING:
    from bot.library import AddedPage, Export, Period, TimelineSelection


_DB_HELP = "the SQLite file or postgresql:// URL (default: QUOTEBOT_DB or var/quotebot.sqlite3)"


class BadInput(ValueError):
    """An argument that cannot be used (an unknown speaker, no index there); one line says which."""


def _speakers(args: argparse.Namespace) -> Path:
    """The registry: --speakers FILE, else the data directory's speakers.toml."""
    path = Path(args.speakers) if args.speakers else speakers_file(load_settings().data_dir)
    if not path.is_file():
        raise RegistryError(f"{path}: no such speakers file")
    return path


def _cmd_extract(args: argparse.Namespace) -> int:
    from bot.core.extract import Extractor
    from bot.library.indexing import article_text

    extractor = Extractor(_speakers(args))
    status = 0
    for path in args.files:
        try:
            read = article_text(Path(path).name, Path(path).read_bytes(), None)  # a web page: its extracted text
            page = read.page
            language, published = (page.language, page.published) if page else (None, None)
            result = extractor.extract(Path(path).name, read.text, language, published)
        except OSError as error:
            print(f"quotebot: cannot read {path}: {error.strerror or error}", file=sys.stderr)
            status = 1
            continue
        for quotation in result.quotations:
            if args.json:
                print(json.dumps(quotation.as_json(), ensure_ascii=False))
            else:
                cue = f" [{quotation.cue}]" if quotation.cue else ""
                print(f"{quotation.article}\t{quotation.speaker}\t{quotation.kind}{cue}\t« {quotation.text} »")
    return status


def _cmd_eval(args: argparse.Namespace) -> int:
    from bot.core.evaluate import evaluate_articles, load_gold
    from bot.core.extract import Extractor
    from bot.core.sources import load_sources

    try:
        gold = load_gold(Path(args.gold))
    except (OSError, ValueError, KeyError) as error:
        print(f"quotebot: {args.gold}: not a readable gold file ({error})", file=sys.stderr)
        return 2
    articles_dir = Path(args.articles) if args.articles else load_settings().data_dir / "articles"
    sources = load_sources(articles_dir.parent / "sources.toml")
    try:
        result = evaluate_articles(Extractor(_speakers(args)), gold, articles_dir, sources)
    except FileNotFoundError as error:
        print(f"quotebot: {error}", file=sys.stderr)
        return 2
    if args.verbose:
        for line in result.misses:
            print(f"MISS  {line}")
        for line in result.false_attributions:
            print(f"FALSE {line}")
        for line in result.swaps:
            print(f"SWAP  {line}")
    summary = result.summary()
    print(f"precision {summary['precision']:.4f}")
    print(f"recall {summary['recall']:.4f}")
    print(f"f1 {summary['f1']:.4f}")
    print(f"false_attributions {summary['false_attributions']}")
    print(f"swaps {summary['swaps']}")
    return 0


def _progress_bar(done: int, total: int, name: str) -> None:
    if sys.stderr.isatty():
        width = 30
        filled = width * done // max(1, total)
        print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name[:40]:<40}", end="", file=sys.stderr)
        if done == total:
            print(file=sys.stderr)


def _paths(args: argparse.Namespace, settings: Settings) -> tuple[Path, Path | str]:
    """The data directory and the index (a SQLite file or a postgresql:// URL): the arguments, else the settings."""
    data = Path(args.data) if getattr(args, "data", None) else settings.data_dir
    db = store_target(args.db, "--db") if args.db else settings.db
    return data, db


def _cmd_index(args: argparse.Namespace) -> int:
    from bot.library import index_data, meaning_model
    from bot.library.parallel import check_workers

    try:
        workers = check_workers(args.workers)  # checked here: argparse would add its usage line
    except ValueError as error:
        raise BadInput(f"--workers: {error}") from None
    settings = load_settings()
    data, db = _paths(args, settings)
    if not (data / "articles").is_dir():
        print(f"quotebot: {data} has no articles/ directory", file=sys.stderr)
        return 2
    _check_data(data)  # before the database is created: a mistake in data/ leaves nothing behind
    embedder, meaning_status = meaning_model(settings.meaning, settings.cache_dir)
    print(f"quotebot: {meaning_status}", file=sys.stderr)
    summary = index_data(db, data, progress=_progress_bar, embedder=embedder, workers=workers)
    state = "updated" if summary.changed else "already up to date"
    print(
        f"index {state}: {summary.articles} articles ({summary.extracted} read, {summary.removed} removed), "
        f"{summary.quotations} quotations, {summary.statements} statements in {redacted(db)}"
    )
    return 0


def _cmd_add(args: argparse.Namespace) -> int:
    """Each link fetched, each file read, kept under the data directory and indexed; one line each. The new
    statements are owed to the chats that follow them (the bot sends them at its next round)."""
    import asyncio
    import dataclasses

    from bot.core.registry import load_registry
    from bot.library import FetchFailed, Library, PageRefused, UploadRefused

    settings = load_settings()
    data, db = _paths(args, settings)
    if not (data / "articles").is_dir():
        print(f"quotebot: {data} has no articles/ directory", file=sys.stderr)
        return 2
    _check_data(data)
    settings = dataclasses.replace(settings, data_dir=data, db=db)

    async def run() -> int:
        status = 0
        library = await Library.open(settings, load_registry(speakers_file(data)))
        try:
            for target in args.targets:
                try:
                    if re.match(r"^[a-z][a-z0-9+.-]*://", target, re.I):
                        added = await library.add_page(target)
                    else:
                        added = await library.add_file(Path(target))
                except FetchFailed as failed:
                    print(f"quotebot: {target}: not added: {failed}", file=sys.stderr)
                    status = 1
                    continue
                except (PageRefused, UploadRefused) as refused:
                    print(f"quotebot: {target}: not added: {refused.reason}", file=sys.stderr)
                    status = 1
                    continue
                except OSError as error:
                    print(f"quotebot: cannot read {target}: {error.strerror or error}", file=sys.stderr)
                    status = 1
                    continue
                print(_added_line(added))
        finally:
            await library.close()
        return status

    return asyncio.run(run())


def _added_line(added: AddedPage) -> str:
    row = added.article
    ids = ", ".join(q.target for q in added.quotations)
    about = " · ".join(part for part in (row.outlet, row.published, row.url) if part)
    state = "already indexed" if added.already else "added"
    return f"{state} {row.file}: {row.title} ({about}): {len(added.quotations)} quotations" + (
        f" [{ids}]" if ids else ""
    )


def _check_data(data: Path) -> None:
    """The registry and sources.toml of a data directory read, and every entry's file there."""
    from bot.core.registry import load_registry
    from bot.core.sources import load_sources

    load_registry(speakers_file(data))
    for name in load_sources(data / "sources.toml"):
        if not (data / "articles" / name).is_file():
            raise SourcesError(f"{data / 'sources.toml'}: {name}: no such file in {data / 'articles'}")


def _cmd_ask(args: argparse.Namespace) -> int:
    import asyncio

    from bot.core.registry import load_registry
    from bot.library import Searcher, index_directory, meaning_model, outlet_label, vectors_missing
    from bot.store import open_store

    settings = load_settings()
    data, db = _paths(args, settings)
    query = " ".join(args.query).strip()
    if not query:
        print("quotebot: give some words to look for, e.g. quotebot ask devoir fraternel", file=sys.stderr)
        return 2
    registry = load_registry(speakers_file(data))
    if args.speaker is not None and args.speaker not in {p.id for p in registry.principals}:
        known = ", ".join(p.id for p in registry.principals)
        print(f"quotebot: --speaker takes a speaker of {speakers_file(data)}: {known}", file=sys.stderr)
        return 2

    embedder, meaning_status = meaning_model(settings.meaning, settings.cache_dir)
    print(f"quotebot: {meaning_status}", file=sys.stderr)

    async def run() -> int:
        store = await open_store(db)
        try:
            if (await store.counts())["articles"] == 0:
                # only a fresh database is built here; an existing index changes with `quotebot index` alone
                summary = await index_directory(store, data, embedder=embedder)
                if summary.changed:
                    print(f"quotebot: indexed {data} first ({summary.quotations} quotations)", file=sys.stderr)
            elif embedder is not None and await vectors_missing(store, embedder):
                print(
                    "quotebot: this index has no vectors for search by meaning yet: "
                    f"run quotebot index --db {redacted(db)}",
                    file=sys.stderr,
                )
            searcher = Searcher(store, registry, embedder)
            answer = await searcher.ask(query, speaker=args.speaker, limit=args.limit)
        finally:
            await store.close()
        if args.json:
            print(json.dumps(answer.as_json(), ensure_ascii=False))
            return 0
        best = answer.confident
        if best is None:
            print(f"No confident answer for « {query} ».")
            if answer.results:
                nearest = answer.results[0]
                print(f"Nearest (score {nearest.score}): {nearest.statement.speaker}: « {nearest.statement.text} »")
            return 0
        for result in answer.results:
            if not result.confident:
                continue
            view = result.statement
            how = ", found by meaning" if result.verdict.by_meaning else ""
            print(f"[{view.id}] {view.speaker} (score {result.score}{how}): « {view.text} »")
            for variant in view.variants:
                date = f", {variant.published}" if variant.published else ""
                print(f"    {outlet_label(variant.outlet, variant.title)}{date}: « {variant.quote} »")
        return 0

    return asyncio.run(run())


def _names(speakers: Sequence[Speaker]) -> str:
    """ "A, B and C": the speakers as the registry names them in English."""
    labels = [s.display_name("en") for s in speakers]
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"


def _selection(args: argparse.Namespace) -> tuple[Path | str, list[Speaker], Period]:
    """The index, the speakers (--speaker, a registry id; default every principal) and the period asked for."""
    import asyncio

    from bot.core.registry import load_registry
    from bot.library import Period
    from bot.store import index_exists

    data, db = _paths(args, load_settings())
    registry = load_registry(speakers_file(data))
    period = Period.typed(args.since, args.until)
    if args.speaker is None:
        speakers = registry.principals
    else:
        found = registry.get(args.speaker)
        if found is None or not found.principal:
            known = ", ".join(s.id for s in registry.principals)
            raise BadInput(f"unknown speaker {args.speaker!r}: the registry knows {known}")
        speakers = [found]
    if not asyncio.run(index_exists(db)):
        shown = redacted(db)
        raise BadInput(f"there is no index at {shown}: build it with quotebot index --db {shown}")
    return db, speakers, period


def _write(out: str, data: bytes) -> None:
    try:
        Path(out).write_bytes(data)
    except OSError as error:
        raise BadInput(f"cannot write {out}: {error.strerror or error}") from None


def _cmd_timeline(args: argparse.Namespace) -> int:
    import asyncio

    from bot.library import reader_date, select_timeline, timeline_picture
    from bot.store import open_store

    db, speakers, period = _selection(args)

    async def select() -> TimelineSelection:
        store = await open_store(db)
        try:
            return await select_timeline(store, speakers, period, "en")
        finally:
            await store.close()

    selection = asyncio.run(select())
    who = _names(speakers)
    undated = len(selection.undated)
    apart = f"; {undated} without an exact date" if undated else ""
    if selection.indexed == 0:
        print(f"quotebot: the index at {redacted(db)} has no statement of {who} yet: nothing drawn", file=sys.stderr)
        return 1
    if not selection.dated:
        when = _period_words(period)
        print(f"quotebot: no statement of {who} is dated {when}{apart}: nothing drawn", file=sys.stderr)
        return 1
    first, last = reader_date(selection.first_day, "en"), reader_date(selection.last_day, "en")
    count = len(selection.dated)
    title = f"Statements of {who}\n{first} – {last}"
    subtitle = (
        "One mark per statement, on the day first reported; the bigger, the more outlets\n"
        f"{_statements(count)} · {undated} without an exact date, not shown"
    )
    picture = asyncio.run(timeline_picture(selection, title, subtitle, "en"))
    _write(args.out, picture.png)
    print(f"wrote {args.out}: {picture.width}×{picture.height} px, {_statements(count)} of {who}, {first} to {last}")
    ids = f" (statements {', '.join(map(str, selection.undated))})" if undated else ""
    print(f"without an exact date, not drawn: {undated}{ids}")
    return 0


def _statements(count: int) -> str:
    return f"{count} statement{'' if count == 1 else 's'}"


def _period_words(period: Period) -> str:
    from bot.library import reader_date

    since = f"from {reader_date(period.since, 'en')}" if period.since else ""
    until = f"until {reader_date(period.until, 'en')}" if period.until else ""
    return " ".join(part for part in (since, until) if part) or "to an exact day"


def _cmd_export(args: argparse.Namespace) -> int:
    import asyncio

    from bot.library import export_bytes, select_export
    from bot.store import open_store

    db, speakers, period = _selection(args)

    async def select() -> Export:
        store = await open_store(db)
        try:
            return await select_export(store, speakers, period)
        finally:
            await store.close()

    export = asyncio.run(select())
    data = export_bytes(export.rows, args.format)
    if args.out:
        _write(args.out, data)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    where = args.out or "standard output"
    print(
        f"quotebot: {len(export.rows)} rows ({_statements(export.statements)} of {_names(speakers)}, "
        f"{export.undated} without an exact date) in {args.format} to {where}",
        file=sys.stderr,
    )
    return 0


def _cmd_feeds(args: argparse.Namespace) -> int:
    """The feeds of data/feeds.toml and how they are doing; with --once, one round first (for cron)."""
    import asyncio
    import dataclasses

    from bot.core.feeds import FeedsError
    from bot.core.registry import load_registry
    from bot.library import Library

    settings = load_settings()
    data, db = _paths(args, settings)
    settings = dataclasses.replace(settings, data_dir=data, db=db)

    async def run() -> int:
        library = await Library.open(settings, load_registry(speakers_file(data)))
        try:
            failed = 0
            if args.once:
                summary = await library.poll_feeds(reporting=False)  # printed here: the bot still reports them
                failed = len(summary.failed)
                print(
                    f"quotebot: {summary.feeds} feeds asked, {summary.entries} new entries, "
                    f"{summary.added} pages added, {failed} feeds failed"
                )
            for status in await library.feed_statuses():
                state = status.state
                success = _when(state.last_success) if state.last_success else "never"
                line = f"{status.feed.url} ({status.feed.outlet or 'each page its outlet'}): last success {success}"
                if state.failing:
                    line += f"; failing since {_when(state.last_error_at)}: {state.last_error}"
                    line += f" {state.last_error_status or ''} {state.last_error_detail or ''}".rstrip()
                print(line)
            return 1 if failed else 0
        finally:
            await library.close()

    try:
        return asyncio.run(run())
    except FeedsError as error:
        print(f"quotebot: {error}", file=sys.stderr)
        return 2


def _when(timestamp: float | None) -> str:
    import datetime

    moment = datetime.datetime.fromtimestamp(timestamp or 0, datetime.timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _cmd_run(args: argparse.Namespace) -> int:
    import asyncio

    from bot.store import open_store

    settings = load_settings()
    settings.require_token()

    async def check_store() -> None:  # a server that cannot be reached: one line now, not a traceback later
        await (await open_store(settings.db)).close()

    asyncio.run(check_store())
    from bot.telegram.app import run

    run(settings)
    return 0


def _positive(value: str) -> int:
    number = int(value) if value.lstrip("-").isdigit() else 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, not {value!r}")
    return number


def _selection_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--db", metavar="PATH", help="the index, a SQLite file or postgresql:// URL (default: QUOTEBOT_DB)"
    )
    command.add_argument("--data", metavar="DIR", help="whose speakers.toml names the speakers (default: ./data)")
    command.add_argument("--speaker", metavar="ID", help="one speaker, by registry id (default: every one)")
    command.add_argument("--since", metavar="DATE", help="YYYY-MM-DD, YYYY-MM or YYYY, included")
    command.add_argument("--until", metavar="DATE", help="YYYY-MM-DD, YYYY-MM or YYYY, included")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quotebot", description="Quotations in the news, attributed to the people of a speakers registry."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser(
        "extract", help="print every quotation found in article files (.txt; .html: in the page's extracted text)"
    )
    extract.add_argument("--json", action="store_true", help="one JSON object per line")
    extract.add_argument("--speakers", metavar="FILE", help="the speakers registry (default: the data's speakers.toml)")
    extract.add_argument("files", nargs="+", metavar="FILE")
    extract.set_defaults(run=_cmd_extract)

    evaluate = commands.add_parser("eval", help="score extraction against a gold file")
    evaluate.add_argument("--gold", required=True, metavar="FILE")
    evaluate.add_argument(
        "--articles", metavar="DIR", help="default: the data directory's articles/ (DIR/../sources.toml is read)"
    )
    evaluate.add_argument(
        "--speakers", metavar="FILE", help="the speakers registry (default: the data's speakers.toml)"
    )
    evaluate.add_argument("-v", "--verbose", action="store_true", help="list every miss and false attribution")
    evaluate.set_defaults(run=_cmd_eval)

    index = commands.add_parser("index", help="index the articles of a data directory")
    index.add_argument("--data", metavar="DIR", help="laid out like data/: articles/*.txt and sources.toml")
    index.add_argument("--db", metavar="PATH", help=_DB_HELP)
    index.add_argument(
        "--workers",
        default="1",
        metavar="N",
        help="processes that extract quotations (default: 1); the index is the same with any number",
    )
    index.set_defaults(run=_cmd_index)

    add = commands.add_parser("add", help="fetch links and read files (.html, .txt), keep and index them")
    add.add_argument("--data", metavar="DIR", help="where the pages are kept (articles/) and sources.toml")
    add.add_argument("--db", metavar="PATH", help=_DB_HELP)
    add.add_argument("targets", nargs="+", metavar="URL|FILE")
    add.set_defaults(run=_cmd_add)

    ask = commands.add_parser("ask", help="find the statement closest to some words")
    ask.add_argument("--db", metavar="PATH")
    ask.add_argument(
        "--data", metavar="DIR", help="the articles to build a new database from (an existing one is left as it is)"
    )
    ask.add_argument("--speaker", metavar="ID", help="only this speaker's statements (an id of speakers.toml)")
    ask.add_argument("--limit", type=_positive, default=3, metavar="N")
    ask.add_argument("--json", action="store_true")
    ask.add_argument("query", nargs="+", metavar="QUERY")
    ask.set_defaults(run=_cmd_ask)

    timeline = commands.add_parser("timeline", help="draw when each speaker said what, and how widely it was carried")
    _selection_arguments(timeline)
    timeline.add_argument("--out", required=True, metavar="FILE.png", help="the PNG file to write")
    timeline.set_defaults(run=_cmd_timeline)

    export = commands.add_parser("export", help="every variant of every statement, as CSV or JSON lines")
    _selection_arguments(export)
    export.add_argument("--format", choices=["csv", "jsonl"], default="csv", help="default: csv")
    export.add_argument("--out", metavar="FILE", help="default: standard output")
    export.set_defaults(run=_cmd_export)

    feeds = commands.add_parser("feeds", help="the feeds of data/feeds.toml and how they are doing")
    feeds.add_argument("--once", action="store_true", help="poll every feed once first (for cron); 1 if one failed")
    feeds.add_argument("--data", metavar="DIR", help="whose feeds.toml lists the feeds (default: ./data)")
    feeds.add_argument("--db", metavar="PATH", help=_DB_HELP)
    feeds.set_defaults(run=_cmd_feeds)

    run = commands.add_parser("run", help="run the Telegram bot (long polling, or a webhook if configured)")
    run.set_defaults(run=_cmd_run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except (ConfigError, RegistryError, SourcesError, DateError, BadInput) as error:
        print(f"quotebot: {error}", file=sys.stderr)
        return 2
    except RuntimeError as error:
        from bot.store import StoreError  # imported only now: the store's modules load numpy

        if not isinstance(error, StoreError):
            raise
        print(f"quotebot: {error}", file=sys.stderr)  # a database that cannot be opened: one line, no traceback
        return 2
    except BrokenPipeError:  # `quotebot extract ... | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
