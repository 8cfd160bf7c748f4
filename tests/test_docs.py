"""docs/bad-input.md stays true: its table lists exactly the reject reasons the code
knows (``model.REJECT_REASONS``, which every reject is checked against), and every
test file it names for a reason does test that reason."""
import os
import re

from storyline.model import REJECT_REASONS

ROOT = os.path.join(os.path.dirname(__file__), "..")


def _reject_rows() -> list[tuple[str, list[str]]]:
    text = open(os.path.join(ROOT, "docs", "bad-input.md"), encoding="utf-8").read()
    table = text.split("## Rejects", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.fullmatch(r"`[a-z_]+`", cells[1]):
            rows.append((cells[1].strip("`"), re.findall(r"`(test_\w+\.py)`", cells[3])))
    return rows


def test_the_table_lists_every_reject_reason_once():
    reasons = [r for r, _ in _reject_rows()]
    assert len(reasons) == len(set(reasons))
    assert set(reasons) == set(REJECT_REASONS)


def test_the_tests_the_table_names_test_that_reason():
    for reason, files in _reject_rows():
        assert files, reason
        for name in files:
            source = open(os.path.join(ROOT, "tests", name), encoding="utf-8").read()
            assert f'"{reason}"' in source or f"'{reason}'" in source, (reason, name)
