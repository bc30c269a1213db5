"""The folder the example is written to, and the list of every file written to it.

Every writer takes the ``Output`` and a path relative to it, so the same generator
writes the committed ``records/`` or a temporary folder (the regeneration test).
"""

from __future__ import annotations

from pathlib import Path

# The first line of org.yaml: a folder whose org.yaml starts with it was written here
# before and may be replaced; any other non-empty folder is refused.
ORG_FIRST_LINE = "# 示例组织：单位、人员、科室（部门）、权重、等次及加分上限"


class Output:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.written: list[Path] = []

    def path(self, relative: str) -> Path:
        """Where ``relative`` goes, its folder created; the caller writes the file."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def wrote(self, path: Path) -> None:
        self.written.append(path)

    def write_lines(self, relative: str, lines: list[str]) -> None:
        path = self.path(relative)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        self.wrote(path)


def replaceable(root: Path) -> bool:
    """Whether ``root`` may be deleted and written again: absent, empty, or an example."""
    if not root.exists():
        return True
    if not root.is_dir():
        return False
    if not any(root.iterdir()):
        return True
    org = root / "org.yaml"
    try:
        with org.open(encoding="utf-8") as handle:
            return handle.readline().rstrip("\n") == ORG_FIRST_LINE
    except OSError:
        return False
