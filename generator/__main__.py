"""Command line: `python -m generator validate | generate | check`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import InputError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPEC = Path("specs/leaflink-v2.openapi.yaml")
DEFAULT_MANIFEST = Path("specs/operations.yaml")

EXIT_INPUT = 2


def _inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC, help="OpenAPI spec (default: %(default)s)")
    parser.add_argument("--manifest", type=Path, default=DEFAULT_MANIFEST, help="operations manifest (default: %(default)s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    _inputs(commands.add_parser("validate", help="check the spec and the manifest, report every problem"))
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except InputError as error:
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"{len(error.problems)} problem(s); nothing was written.", file=sys.stderr)
        return EXIT_INPUT


def _run(args: argparse.Namespace) -> int:
    from .validate import load_inputs

    if args.command == "validate":
        inputs = load_inputs(args.spec, args.manifest)
        count = len(inputs.manifest["operations"])
        print(f"ok: {inputs.spec_file} and {inputs.manifest_file} ({count} operations) are valid")
        return 0
    raise AssertionError(args.command)  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main())
