"""What the store hands back: frozen dataclasses, never ORM objects.

Callers (the app, the CLI) get plain values they can keep, compare and pass between threads,
with no database session behind them. Ids are made here, and shortened here for messages.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Kind = Literal["clusters", "actuals"]
#: The kinds of versioned file a workspace keeps: an imported cluster list, a file of actual figures.
KINDS: tuple[Kind, ...] = ("clusters", "actuals")

#: Bytes of randomness in a workspace id: 24 bytes = 192 bits, 32 URL-safe characters.
ID_BYTES = 24


def new_workspace_id() -> str:
    """A fresh workspace id: 192 random bits from the OS, URL-safe base64 (``[A-Za-z0-9_-]``).

    The id is the only key to a workspace (there are no accounts), so it must be unguessable. It
    never starts with "-", so ``cli.py ... --workspace ID`` is never read as an option (a redraw
    costs under a bit of the 192).
    """
    while (ws_id := secrets.token_urlsafe(ID_BYTES)).startswith("-"):
        pass
    return ws_id


def short_id(ws_id: str) -> str:
    """The only form an id may take in logs and messages: its first 6 characters and "…".

    Six characters (36 bits) tell workspaces apart in a log without letting anyone open one.
    """
    return f"{str(ws_id)[:6]}…"


@dataclass(frozen=True)
class Workspace:
    """A planner's workspace: an unguessable id, a free-text name, and when it was made/last changed."""

    id: str = field(repr=False)  # never printed whole: see short_id
    name: str
    created_at: datetime
    updated_at: datetime

    @property
    def short_id(self) -> str:
        return short_id(self.id)


@dataclass(frozen=True)
class Version:
    """One stored version of a file of one kind: numbered 1, 2, 3… per workspace and kind.

    ``data`` is the file exactly as uploaded; ``report`` is what the importer said about it and
    ``summary`` a one-line description. ``in_use`` marks the version the workspace shows now.
    """

    kind: Kind
    number: int
    filename: str
    data: bytes = field(repr=False)
    report: str = field(repr=False)
    summary: str
    created_at: datetime  # UTC
    in_use: bool


@dataclass(frozen=True)
class SavedView:
    """A named view: the URL query parameters that reproduce it."""

    name: str
    params: dict[str, str]
    saved_at: datetime  # UTC

    def __hash__(self) -> int:  # params is a dict: hash on what identifies a view
        return hash((self.name, tuple(sorted(self.params.items())), self.saved_at))
