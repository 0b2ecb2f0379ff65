"""Plain-text and Markdown layouts for evaluation resumes.

txt_plain  capitalised headings underlined with "=", dates padded to the right, "-" bullets
txt_compact headings ending in ":", entries on one line, "*" bullets, Windows-1252 encoded
md         "# Name", "## Section", "### Title — Company", dates in italics, YAML front matter
"""

from .compose import Entry, ResumeText

WIDTH = 78


def _padded(left: str, right: str) -> str:
    if not right:
        return left
    return f"{left}{' ' * max(3, WIDTH - len(left) - len(right))}{right}"


def _entries(entries: list[Entry], bullet: str) -> list[str]:
    out: list[str] = []
    for entry in entries:
        out += [_padded(left, right) for left, right in entry.lines]
        out += [f"{bullet} {item}" for item in entry.bullets]
        out.append("")
    return out


def plain(rt: ResumeText, path: str) -> None:
    h = rt.headings
    lines = [rt.name, rt.headline, " | ".join(rt.contacts[:3]), " | ".join(rt.contacts[3:]), ""]
    for key in ("summary", "experience", "education", "skills", "languages"):
        lines += [h[key].upper(), "=" * len(h[key]), ""]
        if key == "summary":
            lines += [rt.summary, ""]
        elif key in ("experience", "education"):
            lines += _entries(rt.experience if key == "experience" else rt.education, "-")
        elif key == "skills":
            lines += [", ".join(rt.skills), ""]
        else:
            lines += [f"- {language}" for language in rt.languages] + [""]
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("\n".join(lines).rstrip() + "\n")


def compact(rt: ResumeText, path: str) -> None:
    h = rt.headings
    lines = [rt.name.upper(), *rt.contacts, ""]
    lines += [f"{h['summary']}:", rt.summary, "", f"{h['experience']}:"]
    for entry in rt.experience:
        lines.append("  ".join(part for left, right in entry.lines for part in (left, right) if part))
        lines += [f"  * {item}" for item in entry.bullets]
    lines += ["", f"{h['education']}:"]
    for entry in rt.education:
        lines.append(", ".join(part for left, right in entry.lines for part in (left, right) if part))
    lines += ["", f"{h['skills']}: {', '.join(rt.skills)}", f"{h['languages']}: {'; '.join(rt.languages)}"]
    with open(path, "w", encoding="cp1252", errors="replace", newline="\r\n") as handle:
        handle.write("\n".join(lines) + "\n")


def markdown(rt: ResumeText, path: str) -> None:
    h = rt.headings
    lines = ["---", f"title: {rt.name} CV", "layout: resume", "---", "", f"# {rt.name}", "", f"**{rt.headline}**", ""]
    lines += [" · ".join(f"<{c}>" if c.startswith("http") else c for c in rt.contacts), ""]
    lines += [f"## {h['summary']}", "", rt.summary, "", f"## {h['experience']}", ""]
    for entry in rt.experience:
        (left, right), rest = entry.lines[0], entry.lines[1:]
        lines.append(f"### {left}")
        lines += [f"*{right}*"] if right else []
        lines += [f"{a} {b}".strip() for a, b in rest]
        lines += [""] + [f"- {item}" for item in entry.bullets] + [""]
    lines += [f"## {h['education']}", ""]
    for entry in rt.education:
        lines.append("- " + " — ".join(f"{a} {b}".strip() for a, b in entry.lines))
    lines += ["", f"## {h['skills']}", "", " · ".join(f"`{s}`" for s in rt.skills), ""]
    lines += [f"## {h['languages']}", ""] + [f"- {language}" for language in rt.languages]
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("\n".join(lines) + "\n")


LAYOUTS = {"txt_plain": plain, "txt_compact": compact, "md": markdown}
