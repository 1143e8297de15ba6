"""Command line: `python -m generator validate | generate | check | diff | pin | manifest add-unbound`.

Exit codes: 0 success; 1 `check` found the committed tree out of date; 2 the inputs have
problems (every problem is printed, nothing is written); 3 a bug of the generator (one line
names it); 4 the output cannot be written (permissions, a file in the way: one line says
where); 130 interrupted. Either way an output tree is replaced whole or not at all. Two runs
into one output take turns.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from .problems import InputError, OutputError, Problem

DEFAULT_SPEC = Path("specs/leaflink-v2.openapi.yaml")
DEFAULT_MANIFEST = Path("specs/operations.yaml")
DEFAULT_OUT = Path("generated")
DEFAULT_OVERLAYS = Path("specs/overlays")

EXIT_STALE = 1
EXIT_INPUT = 2
EXIT_BUG = 3
EXIT_OUTPUT = 4
EXIT_INTERRUPTED = 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator", description=__doc__.splitlines()[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("validate", "check the spec and the manifest; report every problem"),
        ("generate", "write the connector package and its reference into --out"),
        ("check", "regenerate into a temporary directory and compare with --out"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument(
            "--spec",
            type=Path,
            default=DEFAULT_SPEC,
            help="OpenAPI spec (default: %(default)s)",
        )
        command.add_argument(
            "--manifest",
            type=Path,
            default=DEFAULT_MANIFEST,
            help="manifest (default: %(default)s)",
        )
        if name != "validate":
            command.add_argument(
                "--out",
                type=Path,
                default=DEFAULT_OUT,
                help="output tree (default: %(default)s)",
            )
    _add_review_commands(commands)
    manifest = commands.add_parser("manifest", help="edit the manifest")
    manifest_commands = manifest.add_subparsers(dest="manifest_command", required=True)
    add = manifest_commands.add_parser(
        "add-unbound",
        help="append a draft entry for every endpoint of the spec that no entry uses",
    )
    add.add_argument(
        "--spec", type=Path, default=DEFAULT_SPEC, help="OpenAPI spec (default: %(default)s)"
    )
    add.add_argument(
        "--manifest", type=Path, default=DEFAULT_MANIFEST, help="manifest (default: %(default)s)"
    )
    add.add_argument("--dry-run", action="store_true", help="print the drafts; change nothing")
    return parser


def _add_review_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`diff` and `pin`: reviewing and adopting a new LeafLink spec."""
    diff = commands.add_parser("diff", help="what changed between two specs, by operation")
    diff.add_argument("old", type=Path, help="the spec before (YAML or JSON)")
    diff.add_argument("new", type=Path, help="the spec after (YAML or JSON)")
    diff.add_argument(
        "--manifest",
        type=Path,
        help=f"manifest (default: {DEFAULT_MANIFEST} if present)",
    )
    diff.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    diff.add_argument(
        "--overlays",
        type=Path,
        default=DEFAULT_OVERLAYS,
        help="repair overlays applied to both specs (default: %(default)s)",
    )
    pin = commands.add_parser(
        "pin", help="validate a new spec, show its diff, make it the pinned spec"
    )
    pin.add_argument("new", type=Path, help="the new spec, e.g. LeafLink's file")
    pin.add_argument(
        "--specs-dir",
        type=Path,
        default=DEFAULT_SPEC.parent,
        help="where the pin, the manifest and overlays/ are (default: %(default)s)",
    )
    pin.add_argument("--manifest", type=Path, help="manifest (default: SPECS_DIR/operations.yaml)")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    warnings.filterwarnings("ignore", module="datamodel_code_generator")
    try:
        return COMMANDS[args.command](args)
    except InputError as error:
        for problem in error.problems:
            print(f"error: {_printable(str(problem))}", file=sys.stderr)
        print(f"{len(error.problems)} problem(s); nothing was written.", file=sys.stderr)
        return EXIT_INPUT
    except OutputError as error:
        print(f"error: {_printable(str(error))}; nothing was written.", file=sys.stderr)
        return EXIT_OUTPUT
    except KeyboardInterrupt:
        print("interrupted; the output tree is as it was.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # a bug of the generator, not a problem of the inputs
        detail = _printable(" ".join(f"{type(error).__name__}: {error}".split()))
        print(f"internal error (a generator bug): {detail[:500]}", file=sys.stderr)
        return EXIT_BUG


def _warn(doubts: Sequence[Problem]) -> None:
    """Print what generates but deserves a look (examples contradicting their schemas)."""
    for doubt in doubts:
        print(f"warning: {_printable(str(doubt))}", file=sys.stderr)


def _printable(text: str) -> str:
    """`emit.render.printable` (control characters escaped), imported on first use: the
    renderer loads jinja2, which `validate`, `diff` and `pin` do not need."""
    from .emit.render import printable

    return printable(text)


def _validate(args: argparse.Namespace) -> int:
    from .inputs.validate import load_inputs

    inputs = load_inputs(args.spec, args.manifest)
    _warn(inputs.warnings)
    count = len(inputs.manifest.entries)
    print(f"ok: {inputs.spec_file} and {inputs.manifest_file} ({count} operations) are valid")
    return 0


def _generate(args: argparse.Namespace) -> int:
    from .pipeline import CATALOGUE, MODELS, catalogue_changes, generate_files
    from .write import write_tree

    generation = generate_files(args.spec, args.manifest)
    _warn(generation.warnings)
    old_path = args.out / CATALOGUE
    old_catalogue = old_path.read_text(encoding="utf-8") if old_path.is_file() else None
    write_tree(generation.files, args.out)
    connector = generation.connector
    models = generation.files[MODELS].count("\nclass ")
    print(
        f"generated {args.out}: {len(connector.operations)} operations, {models} models, "
        f"{len(generation.files)} files"
    )
    for rename in connector.renames:
        print(f"note: {_printable(rename)}")
    changes = catalogue_changes(old_catalogue, generation.files[CATALOGUE])
    if old_catalogue is None:
        print("catalogue: new")
    elif not changes:
        print("catalogue: no operation changed")
    else:
        for label, keys in (
            ("added", changes.added),
            ("removed", changes.removed),
            ("changed", changes.changed),
        ):
            if keys:
                print(f"catalogue {label} ({len(keys)}): {', '.join(keys)}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from .pipeline import generate_files
    from .write import read_tree, temporary_directory, tree_diff, write_tree

    generation = generate_files(args.spec, args.manifest)
    _warn(generation.warnings)
    with temporary_directory() as scratch:
        fresh = Path(scratch) / "generated"
        write_tree(generation.files, fresh)
        expected = read_tree(fresh)
    actual = read_tree(args.out)
    if expected == actual:
        print(f"ok: {args.out} is what the inputs generate ({len(expected)} files)")
        return 0
    sys.stdout.write(tree_diff(expected, actual, str(args.out)))
    print(
        f"\n{args.out} is out of date with the inputs: run `make generate`.",
        file=sys.stderr,
    )
    return EXIT_STALE


def _diff(args: argparse.Namespace) -> int:
    from .inputs.manifest import read_manifest
    from .inputs.overlay import load_overlays, read_spec
    from .review.diff import compare_specs
    from .review.diff_report import render

    overlays = load_overlays(args.overlays)
    old, old_warnings = read_spec(args.old, overlays)
    new, new_warnings = read_spec(args.new, overlays)
    for warning in old_warnings + new_warnings:
        print(warning, file=sys.stderr)
    manifest_path = args.manifest
    if manifest_path is None and DEFAULT_MANIFEST.is_file():
        manifest_path = DEFAULT_MANIFEST
    manifest = read_manifest(manifest_path) if manifest_path else None
    labels = (str(args.old), str(args.new))
    diff = compare_specs(old, new, labels, manifest, str(manifest_path or ""))
    sys.stdout.write(render(diff, args.format))
    if diff.manifest is not None and diff.manifest.unused and args.format != "json":
        print(_ADD_UNBOUND_HINT, file=sys.stderr)
    return 0


_ADD_UNBOUND_HINT = (
    "new endpoints no entry uses yet: `python -m generator manifest add-unbound --dry-run` "
    "drafts an entry for each (without --dry-run it adds them to the manifest)"
)


def _manifest(args: argparse.Namespace) -> int:
    from .review.manifest_add import add_unbound

    drafts = add_unbound(args.spec, args.manifest, dry_run=args.dry_run)
    verb = "would add" if args.dry_run else "added"
    for one in drafts:
        print(f"{verb}: {one.binding}  name: {one.name!r}  key: {one.key}")
    print(
        f"{verb} {len(drafts)} draft entr{'y' if len(drafts) == 1 else 'ies'} to {args.manifest}"
        + ("; review their names and descriptions" if drafts and not args.dry_run else "")
    )
    return 0


def _pin(args: argparse.Namespace) -> int:
    from .review.pin import pin

    pinned = pin(args.new, args.specs_dir, args.manifest)
    print(f"pinned {args.new} as {pinned}; run `make generate` next")
    _hint_unbound(Path(pinned), args.manifest or Path(args.specs_dir) / "operations.yaml")
    return 0


def _hint_unbound(spec_path: Path, manifest_path: Path) -> None:
    """After a pin: point at `manifest add-unbound` when endpoints are left unbound."""
    import yaml

    from .inputs.manifest import read_manifest
    from .review.manifest_add import unbound

    if not (spec_path.is_file() and manifest_path.is_file()):
        return
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    try:
        manifest = read_manifest(manifest_path)
    except InputError:  # `pin` read it already: a hint is never worth an error
        return
    left = unbound(spec, manifest)
    if left:
        print(f"{len(left)} endpoint(s) no entry uses: {_ADD_UNBOUND_HINT}", file=sys.stderr)


COMMANDS = {
    "validate": _validate,
    "generate": _generate,
    "check": _check,
    "diff": _diff,
    "pin": _pin,
    "manifest": _manifest,
}

if __name__ == "__main__":
    sys.exit(main())
