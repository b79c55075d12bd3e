"""The README's first Commands block names every command of ``quotegraph``."""
import re
from pathlib import Path

from quotegraph import cli

README = Path(__file__).resolve().parent.parent / "README.md"


def test_commands_block_lists_every_command():
    text = README.read_text(encoding="utf-8")
    block = text.split("## Commands", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    listed = set(re.findall(r"^quotegraph ([a-z-]+)", block, re.M))
    commands = {c.name or c.callback.__name__ for c in cli.app.registered_commands}
    commands |= {g.name for g in cli.app.registered_groups}
    assert commands and listed == commands
