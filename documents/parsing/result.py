"""What a parser hands back: the visible text, and what a human reader could not see."""

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class HiddenSpan:
    """Text present in the file but invisible to a reader, kept out of `text`."""

    text: str
    reason: str
    offset: int  # position in the visible text where it sat, for highlighting it in place


@dataclass
class ParseResult:
    format: str
    text: str
    hidden: list[HiddenSpan] = field(default_factory=list)
    pages: int | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ParseResult":
        hidden = [HiddenSpan(**span) for span in data.get("hidden", [])]
        return cls(
            format=data["format"], text=data["text"], hidden=hidden,
            pages=data.get("pages"), notes=list(data.get("notes", [])),
        )

    def stripped(self) -> "ParseResult":
        """The same result without blank lines at either end, offsets kept in range."""
        lead = len(self.text) - len(self.text.lstrip())
        text = self.text.strip()
        for span in self.hidden:
            span.offset = min(max(span.offset - lead, 0), len(text))
        self.text = text
        return self
