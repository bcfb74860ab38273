#!/usr/bin/env python3
"""Writes README.md from the section files in docs/ (the sources; edit those, then run this).

Usage: python3 docs/assemble.py [--check]   (--check: exit 1 when README.md is not up to date)
A section file whose first heading is '# Title' is nested one level below the README title: every
heading outside code fences gains one '#'. intro.md is the README's top and stays as written.
"""
import pathlib
import sys

ORDER = ["intro", "cli", "catalog", "engine", "auth", "alerts", "wecom", "email", "lead", "examples",
         "ops", "bench", "dev"]


def section(path, demote):
    out, fence = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("```"):
            fence = not fence
        elif demote and not fence and line.startswith("#"):
            line = "#" + line
        out.append(line)
    return "\n".join(out).strip("\n") + "\n"


def main():
    docs = pathlib.Path(__file__).resolve().parent
    parts = []
    for name in ORDER:
        path = docs / (name + ".md")
        if not path.exists():
            continue
        first = next((l for l in path.read_text(encoding="utf-8").splitlines() if l.startswith("#")), "")
        parts.append(section(path, name != "intro" and first.startswith("# ")))
    text = "\n".join(parts)
    readme = docs.parent / "README.md"
    if "--check" in sys.argv:
        current = readme.read_text(encoding="utf-8") if readme.exists() else ""
        if current != text:
            print("README.md is out of date: run python3 docs/assemble.py", file=sys.stderr)
            sys.exit(1)
        return
    readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
