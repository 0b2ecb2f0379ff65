"""Rebuild the real-world documents that are not committed, from fetched mirrors of their repositories.

    .venv/bin/python -m documents.evalset.realworld.rebuild [--mirrors /work/.mirror] [--out DIR]

Each label names its repository, commit and path; the file is read with `git show <commit>:<path>`
from `<mirrors>/<owner>+<name>/repo` (a bare or ordinary clone of that repository) and written to
the rebuild directory (REALWORLD_DIR, default var/evalset-realworld/). A missing mirror is reported
and skipped: clone the repository there (`git clone https://github.com/<owner>/<name>`) and run
again.
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

from documents.evalset.realworld import HERE, rebuild_dir


def _git_dir(mirrors: Path, repo: str) -> Path | None:
    base = mirrors / repo.replace("/", "+") / "repo"
    for candidate in (base, base / ".git"):
        if (candidate / "HEAD").exists():
            return candidate
    return None


def rebuild(mirrors: Path, out: Path) -> tuple[int, list[str]]:
    """Write every uncommitted document into `out`; return (written, problems)."""
    out.mkdir(parents=True, exist_ok=True)
    written, problems = 0, []
    for label in sorted((HERE / "labels").glob("*.json")):
        answer = json.loads(label.read_text(encoding="utf-8"))
        source = answer["source"]
        if source["committed"]:
            continue
        git_dir = _git_dir(mirrors, source["repo"])
        if git_dir is None:
            problems.append(f"{answer['file']}: no mirror of {source['repo']} under {mirrors}")
            continue
        # git reads a local mirror; the arguments come from our own labels
        command = ["git", "-C", str(git_dir), "show", f"{source['commit']}:{source['path']}"]
        shown = subprocess.run(command, capture_output=True, check=False)  # noqa: S603
        if shown.returncode:
            problems.append(f"{answer['file']}: {source['repo']}@{source['commit'][:10]}:{source['path']} not found")
            continue
        (out / answer["file"]).write_bytes(shown.stdout)
        written += 1
    return written, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    out = args.out or rebuild_dir()
    written, problems = rebuild(args.mirrors, out)
    print(f"{written} documents written to {out}")
    for problem in problems:
        print("  missing:", problem)
    return 0


if __name__ == "__main__":
    sys.exit(main())
