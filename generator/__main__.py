"""Command line: `python -m generator validate | generate | check`.

Exit codes: 0 success; 1 `check` found the committed tree out of date; 2 the inputs have
problems (every problem is printed, nothing is written).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from .problems import InputError

DEFAULT_SPEC = Path("specs/leaflink-v2.openapi.yaml")
DEFAULT_MANIFEST = Path("specs/operations.yaml")
DEFAULT_OUT = Path("generated")

EXIT_STALE = 1
EXIT_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("validate", "check the spec and the manifest; report every problem"),
        ("generate", "write the connector package and its reference into --out"),
        ("check", "regenerate into a temporary directory and compare with --out"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--spec", type=Path, default=DEFAULT_SPEC, help="OpenAPI spec (default: %(default)s)")
        command.add_argument("--manifest", type=Path, default=DEFAULT_MANIFEST, help="manifest (default: %(default)s)")
        if name != "validate":
            command.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output tree (default: %(default)s)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    warnings.filterwarnings("ignore", module="datamodel_code_generator")
    try:
        return COMMANDS[args.command](args)
    except InputError as error:
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"{len(error.problems)} problem(s); nothing was written.", file=sys.stderr)
        return EXIT_INPUT


def _validate(args: argparse.Namespace) -> int:
    from .validate import load_inputs

    inputs = load_inputs(args.spec, args.manifest)
    count = len(inputs.manifest["operations"])
    print(f"ok: {inputs.spec_file} and {inputs.manifest_file} ({count} operations) are valid")
    return 0


def _generate(args: argparse.Namespace) -> int:
    from .pipeline import CATALOGUE, catalogue_changes, generate_files
    from .write import read_tree, write_tree

    generation = generate_files(args.spec, args.manifest)
    old_catalogue = read_tree(args.out).get(CATALOGUE)
    write_tree(generation.files, args.out)
    connector = generation.connector
    models = generation.files["leaflink/models.py"].count("\nclass ")
    print(
        f"generated {args.out}: {len(connector.operations)} operations, {models} models, "
        f"{len(generation.files)} files"
    )
    for rename in connector.renames:
        print(f"note: {rename}")
    changes = catalogue_changes(old_catalogue, generation.files[CATALOGUE])
    if old_catalogue is None:
        print("catalogue: new")
    elif not changes:
        print("catalogue: no operation changed")
    else:
        for label, keys in (("added", changes.added), ("removed", changes.removed), ("changed", changes.changed)):
            if keys:
                print(f"catalogue {label} ({len(keys)}): {', '.join(keys)}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from .pipeline import generate_files
    from .write import read_tree, temporary_directory, tree_diff, write_tree

    generation = generate_files(args.spec, args.manifest)
    with temporary_directory() as scratch:
        fresh = Path(scratch) / "generated"
        write_tree(generation.files, fresh)
        expected = read_tree(fresh)
    actual = read_tree(args.out)
    if expected == actual:
        print(f"ok: {args.out} is what the inputs generate ({len(expected)} files)")
        return 0
    sys.stdout.write(tree_diff(expected, actual, str(args.out)))
    print(f"\n{args.out} is out of date with the inputs: run `make generate`.", file=sys.stderr)
    return EXIT_STALE


COMMANDS = {"validate": _validate, "generate": _generate, "check": _check}

if __name__ == "__main__":
    sys.exit(main())
