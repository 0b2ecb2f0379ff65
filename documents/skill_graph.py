"""The skill graph: which skills imply, equal or sit close to which (data: `data/skill_graph.txt`).

`documents.skills` knows names and aliases; this module knows what showing a skill says about
others. Implication is transitive ("Django REST Framework" => "REST APIs" => "HTTP"); relation is
not, and is only what a practitioner would call a head start. Its header explains the format.
"""

import re
from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .skills import normalize_skill

GRAPH_FILE = Path(__file__).resolve().parent / "data" / "skill_graph.txt"
_RULE = re.compile(r"^(?P<left>.+?)\s*(?P<op>=>|==|~)\s*(?P<right>.+)$")
_GROUP = re.compile(r"^(?P<kind>related|generic)\s*:\s*(?P<names>.+)$", re.IGNORECASE)


@dataclass
class SkillGraph:
    implies: dict[str, set[str]] = field(default_factory=dict)  # direct implications
    related: dict[str, set[str]] = field(default_factory=dict)  # symmetric
    generic: set[str] = field(default_factory=set)
    unknown: list[str] = field(default_factory=list)  # names in the file the taxonomy does not know

    def imply(self, source: str, target: str) -> None:
        if source != target:
            self.implies.setdefault(source, set()).add(target)

    def relate(self, one: str, other: str) -> None:
        if one != other:
            self.related.setdefault(one, set()).add(other)
            self.related.setdefault(other, set()).add(one)


def _names(raw: str, graph: SkillGraph) -> list[str]:
    found = []
    for part in raw.split(","):
        name = part.strip()
        if not name:
            continue
        canonical = normalize_skill(name)
        if canonical is None:
            graph.unknown.append(name)
        else:
            found.append(canonical)
    return found


def parse_graph(text: str) -> SkillGraph:
    """A SkillGraph from the text of a graph file (see the file's header for the format)."""
    graph = SkillGraph()
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        group = _GROUP.match(line)
        if group:
            names = _names(group["names"], graph)
            if group["kind"].lower() == "generic":
                graph.generic.update(names)
            for i, one in enumerate(names):
                for other in names[i + 1 :]:
                    graph.relate(one, other)
            continue
        rule = _RULE.match(line)
        if rule is None:
            raise ValueError(f"skill graph: cannot read {line!r}")
        left, right = _names(rule["left"], graph), _names(rule["right"], graph)
        for source in left:
            for target in right:
                if rule["op"] == "=>":
                    graph.imply(source, target)
                elif rule["op"] == "==":
                    graph.imply(source, target)
                    graph.imply(target, source)
                else:
                    graph.relate(source, target)
    return graph


@lru_cache(maxsize=1)
def skill_graph() -> SkillGraph:
    """The graph of `data/skill_graph.txt`, read once."""
    return parse_graph(GRAPH_FILE.read_text(encoding="utf-8"))


def _canonical(name: str) -> str:
    return normalize_skill(name) or " ".join((name or "").split())


def implications(name: str) -> set[str]:
    """Every skill that showing `name` shows, transitively (not `name` itself)."""
    graph = skill_graph()
    start = _canonical(name)
    seen: set[str] = set()
    queue = deque(graph.implies.get(start, ()))
    while queue:
        skill = queue.popleft()
        if skill in seen or skill == start:
            continue
        seen.add(skill)
        queue.extend(graph.implies.get(skill, ()))
    return seen


def implies(source: str, target: str) -> bool:
    """Whether showing `source` shows `target` ("Django REST Framework" implies "REST APIs")."""
    return _canonical(target) in implications(source)


def implied_via(target: str, have: list[str]) -> str | None:
    """The first of `have` that implies `target`, or None: the "via" of an implied skill."""
    wanted = _canonical(target)
    return next((skill for skill in have if wanted in implications(skill)), None)


def related(name: str) -> set[str]:
    """Skills a practitioner would call close to `name` (a head start, never the skill)."""
    return set(skill_graph().related.get(_canonical(name), ()))


def is_generic(name: str) -> bool:
    """A broad or soft requirement ("Communication", "Software development") a resume rarely states."""
    return _canonical(name) in skill_graph().generic
