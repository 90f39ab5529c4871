"""Read a YAML data file into a pydantic model, with errors a person can act on.

Every failure (missing file, YAML syntax, schema) becomes one ``DataFileError`` whose message
names the file, the item (by its ``id`` where it has one) and the field, e.g.::

    data/plans/x.yaml: clusters[2] (id: tangshan-equipment), field revenue_targets[0].value:
    Input should be greater than or equal to 0 (got -5)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from geo._errors import DataFileError

ModelT = TypeVar("ModelT", bound=BaseModel)
_ID_KEYS = ("id", "name", "alias")  # what names an entry of a top-level list in error messages
MAX_DEPTH = 40  # no data file nests deeper than a few levels; a deeper one is hostile
MAX_ITEM_CHARS = 80  # how much of an offending value a message repeats


class _DataLoader(yaml.SafeLoader):
    """YAML for data files: no aliases (no "billion laughs"), no deep nesting, dates stay text.

    Dates such as ``published: 2023-04-14`` are kept as strings so the schema checks them (a
    date like 2025-13-45 is then a schema error with the field named, not a crash).
    """

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not accepted in data files", event.start_mark)
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"nested more than {MAX_DEPTH} levels deep", self.peek_event().start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_DataLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path) -> Any:
    """Parse a YAML file, turning I/O and syntax problems into ``DataFileError``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(f"{path}: file not found") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read ({exc.strerror})") from None
    return parse_yaml(text, str(path))


def parse_yaml(text: str, label: str) -> Any:
    """Parse YAML text; ``label`` (a file name) starts every error message."""
    try:
        return yaml.load(text, Loader=_DataLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataFileError(f"{label}:{where} YAML syntax error: {problem}") from None
    except (ValueError, OverflowError, RecursionError, MemoryError) as exc:  # e.g. a 5,000-digit number
        raise DataFileError(f"{label}: a value cannot be read ({type(exc).__name__}: {str(exc)[:MAX_ITEM_CHARS]})") from None


def load_model(path: Path, model: type[ModelT], *, context: dict[str, Any] | None = None) -> ModelT:
    """Read ``path`` and validate it as ``model``; raise one readable ``DataFileError``."""
    return validate_model(read_yaml(path), model, str(path), context=context)


def validate_model(data: Any, model: type[ModelT], label: str, *, context: dict[str, Any] | None = None) -> ModelT:
    """Validate parsed YAML as ``model``; one ``DataFileError`` lists every problem, ``label`` first."""
    if not isinstance(data, dict):
        raise DataFileError(f"{label}: expected a mapping at the top level, got {_kind(data)}")
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        lines = [_describe(label, data, err) for err in exc.errors()]
        raise DataFileError("\n".join(lines)) from None


def _describe(path: str, data: Any, err: Any) -> str:
    item, field = _split_location(data, err["loc"])
    where = f"{item}, field {field}" if item and field else (item or f"field {field}")
    got = ""
    if err["type"] not in ("missing",) and "input" in err and not isinstance(err["input"], dict | list):
        got = f" (got {_short_repr(err['input'])})"
    return f"{path}: {where}: {err['msg']}{got}"


def _split_location(data: Any, loc: tuple[Any, ...]) -> tuple[str, str]:
    """Split a pydantic error location into the item it concerns and the field inside it.

    The item is the deepest top-level list entry (``clusters[2] (id: x)``); the rest is the field.
    """
    node = data
    item = ""
    field_start = 0
    for depth, key in enumerate(loc):
        if isinstance(key, int) and depth == 1 and isinstance(node, list) and key < len(node):
            entry = node[key]
            ident = next((entry[k] for k in _ID_KEYS if k in entry), None) if isinstance(entry, dict) else None
            item = f"{loc[0]}[{key}]" + (f" (id: {ident})" if ident else "")
            field_start = depth + 1
        node = _step(node, key)
    field = _format_path(loc[field_start:])
    return item, field


def _step(node: Any, key: Any) -> Any:
    if isinstance(node, dict):
        return node.get(key)
    if isinstance(node, list) and isinstance(key, int) and key < len(node):
        return node[key]
    return None


def _format_path(parts: tuple[Any, ...]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _kind(value: Any) -> str:
    return "nothing (empty file)" if value is None else type(value).__name__


def _short_repr(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= MAX_ITEM_CHARS else text[: MAX_ITEM_CHARS - 1] + "…"
