"""Every .cypher file: a well-formed header, declared = used parameters, and valid Cypher."""

from __future__ import annotations

from pathlib import Path

import pytest

from infoops.connection import Graph
from infoops.errors import ParameterError
from infoops.queries import QUERIES_DIR, investigations, read_pack

PACKAGE = QUERIES_DIR.parent
ALL_FILES = sorted(PACKAGE.rglob("*.cypher"))
SCHEMA_COMMANDS = ("CREATE CONSTRAINT", "CREATE INDEX", "DROP ")


def test_there_are_packs() -> None:
    assert len(ALL_FILES) >= 10
    assert all(pack.columns for pack in investigations().values())


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_header_declares_exactly_the_parameters_used(path: Path) -> None:
    pack = read_pack(path)
    assert pack.name, path
    assert pack.title and not pack.title.startswith("name:"), "first line must be a title"
    assert pack.used_parameters() == set(pack.parameters), (
        f"used but undeclared: {pack.used_parameters() - set(pack.parameters)}; "
        f"declared but unused: {set(pack.parameters) - pack.used_parameters()}"
    )


def test_investigation_names_match_file_names() -> None:
    for name, pack in investigations().items():
        assert pack.path.stem == name


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_statement_compiles_on_the_server(graph: Graph, path: Path) -> None:
    pack = read_pack(path)
    for statement in pack.statements:
        if statement.lstrip().upper().startswith(SCHEMA_COMMANDS):
            continue
        # EXPLAIN plans without running: syntax, functions and procedures are checked.
        graph.query("EXPLAIN " + statement, {name: None for name in pack.parameters})


def test_undeclared_and_ill_typed_parameters_are_refused() -> None:
    pack = next(iter(investigations().values()))
    with pytest.raises(ParameterError, match="unknown parameter"):
        pack.bind({"no_such_parameter": "1"})
    typed = next((p for p in pack.parameters.values() if p.type in ("int", "float")), None)
    if typed is not None:
        with pytest.raises(ParameterError, match=f"must be {typed.type}"):
            pack.bind({typed.name: "not-a-number"})


def test_a_comment_line_ending_in_a_semicolon_does_not_end_a_statement(tmp_path: Path) -> None:
    pack_file = tmp_path / "two.cypher"
    pack_file.write_text(
        "// Two statements\n// name: two\n// columns: [x]\n"
        "MATCH (n)\n// note: this is fine;\nRETURN count(n) AS x;\n"
        "RETURN 'a;b' AS x;\n"
    )
    statements = read_pack(pack_file).statements
    assert statements == (
        "MATCH (n)\n// note: this is fine;\nRETURN count(n) AS x",
        "RETURN 'a;b' AS x",
    )
