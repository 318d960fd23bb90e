"""The `quotebot` command line: extract, eval (and, as they land, index, ask, run)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1] / "data"


def _cmd_extract(args: argparse.Namespace) -> int:
    from bot.core.extract import Extractor

    extractor = Extractor()
    status = 0
    for path in args.files:
        try:
            result = extractor.extract_file(Path(path))
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
    from bot.core.evaluate import load_gold, score
    from bot.core.extract import Extractor, read_text

    gold = load_gold(Path(args.gold))
    articles_dir = Path(args.articles)
    extractor = Extractor()
    predictions = []
    texts: dict[str, str] = {}
    for name in sorted({g.article for g in gold}):
        path = articles_dir / name
        if not path.exists():
            print(f"quotebot: {path} is in the gold file but not in {articles_dir}", file=sys.stderr)
            return 2
        texts[name] = read_text(path)
        predictions.extend(extractor.extract(name, texts[name]).quotations)
    result = score(predictions, gold, texts)
    if args.verbose:
        for line in result.misses:
            print(f"MISS  {line}")
        for line in result.false_attributions:
            print(f"FALSE {line}")
    summary = result.summary()
    print(f"precision {summary['precision']:.4f}")
    print(f"recall {summary['recall']:.4f}")
    print(f"f1 {summary['f1']:.4f}")
    print(f"false_attributions {summary['false_attributions']}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quotebot", description="Quotations of Putin and Kim Jong-un, attributed.")
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="print every quotation found in article files")
    extract.add_argument("--json", action="store_true", help="one JSON object per line")
    extract.add_argument("files", nargs="+", metavar="FILE")
    extract.set_defaults(run=_cmd_extract)

    evaluate = commands.add_parser("eval", help="score extraction against a gold file")
    evaluate.add_argument("--gold", required=True, metavar="FILE")
    evaluate.add_argument("--articles", default=str(DEFAULT_DATA / "articles"), metavar="DIR")
    evaluate.add_argument("-v", "--verbose", action="store_true", help="list every miss and false attribution")
    evaluate.set_defaults(run=_cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
