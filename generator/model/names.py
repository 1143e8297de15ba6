"""Every identifier the generated code uses is made here, once: parameters, classes, enum members.

Names are stable (the same input gives the same name), valid Python, never a keyword or a
builtin that would shadow something, and distinct: collisions after conversion get numbered
suffixes in input order and are reported to the caller.
"""

from __future__ import annotations

import builtins
import keyword
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..inputs.manifest import ManifestEntry

_SYMBOLS = {
    "%": "percent",
    "$": "dollar",
    "#": "number",
    "&": "and",
    "+": "plus",
    "@": "at",
    "<": "lt",
    ">": "gt",
    "=": "eq",
    "*": "star",
    "/": "slash",
    "€": "euro",
    "£": "pound",
    "!": "not",
}
_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()

# Names a generated method or field must not take: they would shadow the client's own surface,
# or a module-level name a method's body uses (`models`).
RESERVED_PARAMETERS = frozenset({"self", "options", "body", "cls", "models"})


def spell_number(number: int) -> str:
    """English words for a non-negative integer below a million: 11 -> 'eleven'."""
    if number < 20:
        return _ONES[number]
    if number < 100:
        tens, rest = divmod(number, 10)
        return _TENS[tens] + (f"_{_ONES[rest]}" if rest else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        return f"{_ONES[hundreds]}_hundred" + (f"_{spell_number(rest)}" if rest else "")
    if number < 1_000_000:
        thousands, rest = divmod(number, 1000)
        return f"{spell_number(thousands)}_thousand" + (f"_{spell_number(rest)}" if rest else "")
    return f"n{number}"


def words(text: str) -> list[str]:
    """Split any text into lowercase ASCII words: 'sell-in UoM %' -> ['sell', 'in', 'uom', 'percent']."""
    text = unicodedata.normalize("NFKD", str(text)).encode(
        "ascii", "ignore"
    ).decode() or _unicode_fallback(text)
    text = "".join(f" {_SYMBOLS[c]} " if c in _SYMBOLS else c for c in text)
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", text)
    found = [w.lower() for w in re.split(r"[^A-Za-z0-9]+", text) if w]
    result: list[str] = []
    for word in found:
        match = re.match(r"^(\d+)(.*)$", word)
        if match and not result:
            result += [
                (
                    spell_number(int(match.group(1)))
                    if len(match.group(1)) < 7
                    else f"n{match.group(1)}"
                )
            ]
            if match.group(2):
                result.append(match.group(2))
        else:
            result.append(word)
    return result


def _unicode_fallback(text: str) -> str:
    return " ".join(f"u{ord(c):04x}" for c in str(text) if not c.isspace())


def snake(text: str) -> str:
    """A lower_snake_case identifier for any text (never empty, never starting with a digit)."""
    return "_".join(words(text)) or "value"


def pascal(text: str) -> str:
    """A PascalCase class name for any text."""
    return "".join(w[:1].upper() + w[1:] for w in words(text)) or "Model"


def upper_snake(text: str) -> str:
    """An UPPER_SNAKE_CASE constant name for any text."""
    return snake(text).upper()


def safe_identifier(name: str, reserved: Iterable[str] = (), avoid_builtins: bool = False) -> str:
    """`name` made safe to bind: keywords, soft keywords and reserved names get a trailing '_'.

    Builtins are avoided only where asked: a keyword argument called `id` or `type` shadows
    nothing a caller sees, and `get_payment(id=3)` reads better than `id_=3`.
    """
    while (
        keyword.iskeyword(name) or name in reserved or (avoid_builtins and hasattr(builtins, name))
    ):
        name += "_"
    return name


def unique(names: Iterable[str], separator: str = "_") -> tuple[list[str], list[tuple[str, str]]]:
    """Make names distinct in order: later duplicates get _2, _3 ... Returns (names, renames)."""
    taken: set[str] = set()
    result, renames = [], []
    for name in names:
        final, counter = name, 1
        while final in taken:
            counter += 1
            final = f"{name}{separator}{counter}"
        taken.add(final)
        result.append(final)
        if final != name:
            renames.append((name, final))
    return result, renames


def parameter_names(api_names: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Python keyword-argument names for API parameter names, distinct and safe.

    A name that already is a lowercase identifier is kept as the API spells it (`id__in`), so
    LeafLink's filter names read the same in Python; anything else is converted (`first-name`
    -> `first_name`). Returns the names and the (API name, Python name) pairs that collided.
    """
    converted = [
        safe_identifier(name if _plain(name) else snake(name), RESERVED_PARAMETERS)
        for name in api_names
    ]
    final, _ = unique(converted)
    return final, [(api, new) for api, old, new in zip(api_names, converted, final) if new != old]


def _plain(name: str) -> bool:
    return (
        name.isidentifier() and name.isascii() and name == name.lower() and not name.startswith("_")
    )


# Names a model class must not take: what models.py imports, or typing and pydantic spell so.
RESERVED_CLASSES = frozenset(
    {
        *("Annotated", "Any", "AnyUrl", "AwareDatetime", "BaseModel", "ConfigDict"),
        *("Decimal", "Dict", "EmailStr", "Enum", "Field", "IntEnum", "Json", "List"),
        *("Literal", "NaiveDatetime", "Optional", "Path", "RootModel", "SecretStr"),
        *("StrEnum", "UUID", "Union"),
    }
)


def class_name(text: str) -> str:
    """A model class name for any text: PascalCase, never a keyword or a reserved name."""
    name = pascal(text)
    while not free_class_name(name):
        name += "Model"
    return name


def free_class_name(name: str) -> bool:
    """Whether a model class may take `name` (not a keyword, not reserved)."""
    return not keyword.iskeyword(name) and name not in RESERVED_CLASSES


def class_names(
    schema_names: list[str],
) -> tuple[list[str], list[tuple[str, str]]]:
    """Model class names for component schema names, distinct and stable.

    A name that already is a plain PascalCase identifier (`OrderResponse`, `HTTPThing`) is kept
    as the spec spells it; anything else is converted (`order-line.v2` -> `OrderLineV2`).
    Collisions are numbered, plain names first and then in input order, so `my-thing` beside
    `MyThing` is `MyThing2` wherever it stands. Returns the names and the (schema name, class
    name) pairs that differ.
    """
    plain = [_plain_class(name) for name in schema_names]
    converted = [
        name if is_plain else class_name(name) for name, is_plain in zip(schema_names, plain)
    ]
    order = sorted(range(len(converted)), key=lambda index: not plain[index])
    numbered, _ = unique([converted[index] for index in order], separator="")
    final = [name for _, name in sorted(zip(order, numbered))]
    return final, [(old, new) for old, new in zip(schema_names, final) if old != new]


def _plain_class(name: str) -> bool:
    return name.isascii() and name[:1].isupper() and name.isalnum() and free_class_name(name)


def enum_member_names(values: list[object], labels: dict[object, str] | None = None) -> list[str]:
    """Readable, distinct UPPER_SNAKE member names for enum values ('11-cbd' -> ELEVEN_CBD, '%' -> PERCENT).

    `labels` (e.g. parsed from a description: 1 -> 'Drop Off') name values that say nothing by
    themselves, such as integers.
    """
    labels = labels or {}
    names = []
    for value in values:
        label = labels.get(value) if isinstance(value, (str, int, float)) else None
        text = label or (str(value) if not isinstance(value, bool) else str(value).lower())
        name = upper_snake(text)
        if (
            keyword.iskeyword(name.lower()) and name.lower() == name
        ):  # pragma: no cover - upper names never are
            name += "_"
        names.append(name if name[0].isalpha() else f"V_{name}")
    return unique(names)[0]


def enum_labels_from_description(description: str, values: list[object]) -> dict[object, str]:
    """Labels for integer enum values documented as '1 = Drop Off; 2 = Pick Up' (empty when not all are)."""
    labels: dict[object, str] = {}
    for value in values:
        match = re.search(
            rf"(?<![\d.]){re.escape(str(value))}\s*(?:[=:-]\s*)?([A-Za-z][A-Za-z \-/]*[A-Za-z])",
            description or "",
        )
        if not match:
            return {}
        labels[value] = match.group(1)
    return labels


# --- resources: the `resources/` module an operation's methods live in ---------------------------

CATCH_ALL_RESOURCE = "other"
"""The resource of an entry that names none and binds no endpoint (a static drop-down, a local
list)."""

_RESOURCE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")  # as operations.schema.json has it


def resource_of(entry: ManifestEntry) -> str | None:
    """The resource of a manifest entry: its `resource`, else the first path segment of its
    binding (`binds`, or a drop-down's `ddl.binds`) with `-` as `_`, else the catch-all;
    None for the `raw` escape hatch, which the runtime provides."""
    if entry.kind == "raw":
        return None
    if entry.resource is not None:
        return entry.resource
    bindings = entry.bindings
    return resource_of_binding(bindings[0]) if bindings else CATCH_ALL_RESOURCE


def resource_of_binding(binding: str) -> str:
    """`GET /batch-documents/{id}/` -> `batch_documents`; the catch-all when the first path
    segment makes no snake_case name."""
    path = binding.partition(" ")[2]
    segment = next((s for s in path.strip("/").split("/") if s), "")
    name = segment.replace("-", "_").lower()
    return name if _RESOURCE.match(name) else CATCH_ALL_RESOURCE


def resource_module(name: str) -> str:
    """The module name of a resource: its name, with `_` added to a Python keyword."""
    return name + "_" if keyword.iskeyword(name) else name
