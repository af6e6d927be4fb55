"""The README's two commands and the documented contract stay true."""

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from planwatch.cli import app

ROOT = Path(__file__).parent.parent


def code_blocks(markdown: str) -> list[str]:
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", markdown, re.DOTALL)]


def test_ci_runs_the_readme_test_command() -> None:
    blocks = code_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    run_command, test_command = blocks[0], blocks[1]
    assert "pytest" in test_command and "planwatch" in run_command
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_documented_contract_keys_match_the_output() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    block = doc.split("## The `extract` JSON contract", 1)[1].split("```")[1]
    documented = re.findall(r"^(\w+):", block, re.MULTILINE)
    data = json.loads(CliRunner().invoke(app, ["extract"]).stdout)
    assert documented == list(data)
    node = re.search(r"node = \{(.*?)\}", block, re.DOTALL)
    assert node is not None
    node_keys = re.findall(r"(\w+)(?: \(|:|,|\})", node.group(1) + "}")
    assert [k for k in node_keys if k in data["outline"][0]] == list(data["outline"][0])
