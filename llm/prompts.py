"""Prompts: one versioned template file per task, rendered with untrusted text in data blocks.

A `Prompt` names its task and version (both recorded with every call), the pydantic schema its
structured output must satisfy, the role that normally serves it, and the deterministic function
the offline engine answers with. Templates live in `llm/prompts/<name>.v<version>.txt`, with a
`[system]` section (the stable, cacheable prefix) and a `[user]` section (what is new each call).

A prompt for a conversation (the interviewer's turn) may also name a context key holding the
conversation so far (`history`). Providers then send it as alternating messages between the system
and the `[user]` section: the conversation only ever grows at its end, so a provider with prompt
caching reads all of it from the cache and pays full price only for the newest turns.
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from django.template import Context, Engine
from pydantic import BaseModel

from .sanitize import strip_invisible

PROMPT_DIR = Path(__file__).resolve().parent / "prompts"
_ENGINE = Engine(autoescape=False, libraries={}, builtins=["django.template.defaultfilters"])
_SECTION = re.compile(r"^\[(system|user)\]\s*$", re.MULTILINE)


def data_block(name: str, text: str) -> str:
    """Wrap untrusted text (a document, an answer, code) so a model reads it as data only.

    The closing tag cannot be forged from inside: angle brackets in the text are escaped.
    """
    safe = html.escape(strip_invisible(text or ""), quote=False)
    return f'<data name="{name}">\n{safe}\n</data>'


@dataclass(frozen=True)
class Prompt:
    name: str
    version: int
    role: str = "main"
    schema: type[BaseModel] | None = None
    # The offline engine's answer for this task: context -> text (stream) or dict/model (structured).
    offline: Callable[[dict[str, Any]], Any] | None = None
    max_tokens: int = 1024
    # Provider options by provider name, e.g. {"anthropic": {"output_config": {"effort": "low"}}}.
    extra: dict[str, Any] = field(default_factory=dict)
    template_dir: Path | None = None  # where the template lives, when not in llm/prompts/ (tests)
    # Context key of the conversation so far: [(role, text)], role "user" or "assistant", untrusted
    # text already inside data blocks. Sent as messages before the [user] section when not empty.
    history: str | None = None
    # Context keys that carry the same conversation inside the [user] section (a transcript block):
    # left empty when the conversation goes as messages, so it is not sent twice.
    history_replaces: tuple[str, ...] = ()

    @property
    def path(self) -> Path:
        return (self.template_dir or PROMPT_DIR) / f"{self.name}.v{self.version}.txt"

    @cached_property
    def _templates(self) -> dict[str, Any]:
        source = self.path.read_text(encoding="utf-8")
        parts = _SECTION.split(source)
        sections = {parts[i]: parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}
        if "system" not in sections or "user" not in sections:
            raise ValueError(f"{self.path.name} needs a [system] and a [user] section")
        return {key: _ENGINE.from_string(value) for key, value in sections.items()}

    def render(self, context: dict[str, Any]) -> tuple[str, str]:
        """Return (system, user) text for a provider that speaks to a real model."""
        ctx = Context(context, autoescape=False)
        return self._templates["system"].render(ctx).strip(), self._templates["user"].render(ctx).strip()

    def render_messages(self, context: dict[str, Any]) -> tuple[str, list[tuple[str, str]], str]:
        """Return (system, history, user): the conversation as (role, text) messages, then the [user] text.

        Without a history (or with an empty one) this is `render()` with no messages before [user].
        """
        history = [(role, text) for role, text in (context.get(self.history) or []) if text] if self.history else []
        if any(role not in ("user", "assistant") for role, _ in history):
            raise ValueError(f"prompt {self.name}: history roles must be 'user' or 'assistant'")
        if history:
            context = {**context, **dict.fromkeys(self.history_replaces, "")}
        system, user = self.render(context)
        return system, history, user
