"""The package's imports are acyclic: no module reaches itself again through
imports (those inside functions included), and only the entry points import the
command line."""
import ast
from pathlib import Path

import quotegraph

ROOT = Path(quotegraph.__file__).parent


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, name: str) -> set[str]:
    """The quotegraph modules that the module in ``path`` imports, anywhere in it."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("quotegraph"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            if not base.startswith("quotegraph"):
                continue
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return found


def graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in ROOT.rglob("*.py")}
    return {name: {m for m in imports_of(path, name) if m in files and m != name}
            for name, path in files.items()}


def find_cycle(edges: dict[str, set[str]]):
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_finder_sees_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_imports_are_acyclic():
    edges = graph()
    assert "quotegraph.commands.store" in edges and "quotegraph.store.ingest" in edges["quotegraph.commands.store"]
    # a package's __init__ importing its own submodules is how a package is built, not a cycle
    for name in edges:
        edges[name] = {m for m in edges[name] if not (name.startswith(m + ".") or m == name)}
    assert find_cycle(edges) is None


def test_only_the_entry_points_import_the_command_line():
    outside = {name: deps for name, deps in graph().items()
               if not name.startswith("quotegraph.commands") and name not in ("quotegraph.cli", "quotegraph.__main__")}
    offenders = {name for name, deps in outside.items()
                 if any(d == "quotegraph.cli" or d.startswith("quotegraph.commands") for d in deps)}
    assert not offenders
