"""Cases, the HTML report and the Gephi export, on a small generated world in the real Neo4j.

One world is loaded and one case is run per module (both take seconds); the tests read what
they wrote. Tests that rewrite the communities (the report and the CLI run them) do not
disturb the others: the export fixture runs communities itself before it exports.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import orjson
import pytest
from PIL import Image

from infoops.cases import CaseError, CaseResult, new_case_template, read_case, run_case
from infoops.connection import Graph
from infoops.errors import InfoopsError
from infoops.queries import investigation
from infoops.report.export import export_graph
from infoops.report.html import table_html, write_report
from infoops.sample.generator import GeneratorConfig
from tests.conftest import REPO
from tests.worlds import LOADED_FILES, load_world

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
INTERACTIONS = "RETWEETED|LIKED_POST_OF|REPLIED_TO|MENTIONED|QUOTED"
CASE_TOPICS = {
    "guo": ["milesguo", "guowengui", "郭文贵", "gtv"],
    "hong-kong": ["hongkong", "hong kong", "香港"],
    "crypto": ["bitcoin", "btc", "crypto", "giveaway"],
    "covid": ["covid", "coronavirus", "vaccine"],
}
# The tab10 blue of a community, the red of a flagged burst day, viridis yellow of a hot hour.
PLOT_COLOURS = {
    "community blue": (31, 119, 180),
    "burst red": (214, 39, 40),
    "heat-map yellow": (253, 231, 37),
}


# (output, investigation, its own parameters as TOML) — a pack may run twice under two names.
CASE_INVESTIGATIONS = [
    ("great-retweet", "great-retweet", ""),
    ("communities", "communities", ""),
    ("creation-bursts", "creation-bursts", ""),
    ("activity-hours", "activity-hours", 'group_by = "role"'),
    ("hours-by-community", "activity-hours", 'group_by = "community", min_group_posts = 5'),
    ("name-scripts-over-time", "name-scripts-over-time", ""),
    ("topic-overlap", "topic-overlap", ""),
    ("renamed-accounts", "renamed-accounts", ""),
]


def case_text(collection: str) -> str:
    topics = "\n".join(
        f"{name} = {orjson.dumps(terms).decode()}" for name, terms in CASE_TOPICS.items()
    )
    investigations = "\n".join(
        f'[[investigation]]\nname = "{name}"\noutput = "{output}"\n'
        + (f"parameters = {{ {parameters} }}\n" if parameters else "")
        for output, name, parameters in CASE_INVESTIGATIONS
    )
    return f"""
[case]
title = "Test case <with markup & a title>"
collections = ["{collection}"]

[topics]
{topics}

[parameters]
timezone = "Asia/Shanghai"
since = 2000-01-01T00:00:00Z

{investigations}
[report]
top_communities = 2
"""


@pytest.fixture(scope="module")
def world(session_graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return load_world(session_graph, GeneratorConfig.small(seed=11), tmp_path_factory.mktemp("w"))


@pytest.fixture(scope="module")
def case_run(
    session_graph: Graph, world: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> CaseResult:
    folder = tmp_path_factory.mktemp("case")
    case_file = folder / "case.toml"
    case_file.write_text(case_text(world["collection"]), encoding="utf-8")
    return run_case(session_graph, case_file, folder / "out")


# --- cases --------------------------------------------------------------------------------


def test_case_writes_every_result_as_csv_and_json(case_run: CaseResult) -> None:
    assert not case_run.failed, [(r.name, r.error) for r in case_run.failed]
    outputs = [result.name for result in case_run.results]
    assert outputs == [output for output, *_ in CASE_INVESTIGATIONS]
    for result in case_run.results:
        assert result.rows, f"{result.name} found nothing in the planted world"
        rows = orjson.loads((case_run.output_dir / result.files["json"]).read_bytes())
        assert len(rows) == len(result.rows)
        assert list(rows[0]) == list(investigation(result.pack).columns)
        with open(case_run.output_dir / result.files["csv"], newline="", encoding="utf-8") as f:
            table = list(csv.reader(f))
        assert table[0] == list(investigation(result.pack).columns)
        assert len(table) == len(rows) + 1
    by_name = {result.name: result for result in case_run.results}
    # Groups below activity-hours' min_group_posts are left out: a small world's posters
    # may post too little to form one, its amplifiers always do.
    role_groups = {row["group"] for row in by_name["activity-hours"].rows}
    assert "amplifier" in role_groups and role_groups <= {"poster", "amplifier", "other"}
    communities = {row["group"] for row in by_name["hours-by-community"].rows} - {"none"}
    assert communities and all(group.isdigit() for group in communities)


def test_manifest_records_versions_checksums_parameters_and_timings(
    case_run: CaseResult, session_graph: Graph, world: dict[str, Any]
) -> None:
    manifest = orjson.loads(case_run.manifest.read_bytes())
    assert manifest["infoops"]
    versions = session_graph.versions()
    assert manifest["server"] == versions
    assert all(versions[name] for name in ("neo4j", "gds", "apoc"))
    case_bytes = case_run.case.path.read_bytes()
    assert manifest["case"]["sha256"] == hashlib.sha256(case_bytes).hexdigest()

    [collection] = manifest["collections"]
    assert collection["collection"] == world["collection"]
    recorded = {f["sha256"] for load in collection["loads"] for f in load["files"]}
    on_disk = {hashlib.sha256((world["folder"] / n).read_bytes()).hexdigest() for n in LOADED_FILES}
    assert recorded == on_disk
    assert all(load["status"] == "completed" for load in collection["loads"])

    entries = {entry["output"]: entry for entry in manifest["investigations"]}
    hours = entries["hours-by-community"]["parameters"]
    assert hours["group_by"] == "community" and hours["min_group_posts"] == 5
    assert hours["timezone"] == "Asia/Shanghai"
    assert hours["collections"] == [world["collection"]]
    assert hours["since"] == "2000-01-01T00:00:00+00:00"
    # Defaults are recorded as bound, so a later change of a default cannot go unnoticed.
    assert entries["great-retweet"]["parameters"] == investigation("great-retweet").bind(
        {"collections": [world["collection"]], "since": "2000-01-01T00:00:00+00:00"}
    )
    assert entries["topic-overlap"]["parameters"]["topics"] == CASE_TOPICS
    assert "timezone" not in entries["great-retweet"]["parameters"]
    for result in case_run.results:
        entry = entries[result.name]
        assert entry["rows"] == len(result.rows) and entry["seconds"] >= 0
    assert manifest["started_at"] <= manifest["finished_at"]
    assert manifest["report"]["error"] is None
    assert manifest["report"]["parameters"]["top_communities"] == 2
    # The report reused the case's results and ran only what the case lacked, recorded as run.
    extras = manifest["report"]["investigations"]
    assert [extra["investigation"] for extra in extras] == ["community-summary", "post-formats"]
    for extra in extras:
        assert extra["rows"] > 0
        assert extra["parameters"]["collections"] == [world["collection"]]


def test_case_files_are_checked_before_anything_runs(tmp_path: Path) -> None:
    def case_with(body: str) -> Path:
        path = tmp_path / "case.toml"
        path.write_text(body, encoding="utf-8")
        return path

    one = '[[investigation]]\nname = "creation-bursts"\n'
    with pytest.raises(CaseError, match="no investigation named 'nope'"):
        read_case(case_with('[[investigation]]\nname = "nope"\n'))
    with pytest.raises(CaseError, match="several investigations write creation-bursts"):
        read_case(case_with(one + one))
    with pytest.raises(CaseError, match=r"timzone.*declared by none"):
        read_case(case_with('[parameters]\ntimzone = "UTC"\n' + one))
    with pytest.raises(CaseError, match="min_z' must be float"):
        read_case(case_with(one + 'parameters = { min_z = "high" }\n'))
    with pytest.raises(CaseError, match="not valid TOML"):
        read_case(case_with("[case\n"))
    with pytest.raises(CaseError, match=r"\[report\].*unknown option"):
        read_case(case_with(one + "[report]\ncolour = 1\n"))
    with pytest.raises(CaseError, match="cannot read case file"):
        read_case(tmp_path / "missing.toml")


def test_the_template_and_the_milesguo_example_are_valid_cases(tmp_path: Path) -> None:
    template = tmp_path / "new.toml"
    template.write_text(new_case_template(), encoding="utf-8")
    assert read_case(template).investigations
    example = read_case(REPO / "examples" / "milesguo.toml")
    assert example.collections == ["milesguo"]
    assert set(example.topics) == {"guo", "hong-kong", "crypto", "covid"}
    assert example.parameters["timezone"] == "Asia/Shanghai"
    names = {item.pack.name for item in example.investigations}
    assert {"great-retweet", "communities", "cross-topic", "creation-bursts"} <= names


# --- the report -----------------------------------------------------------------------------


def embedded_pngs(page: str) -> list[bytes]:
    return [
        base64.b64decode(data)
        for data in re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    ]


def test_report_embeds_every_plot_as_a_decodable_png(case_run: CaseResult) -> None:
    assert case_run.report is not None
    page = case_run.report.read_text(encoding="utf-8")
    images = embedded_pngs(page)
    assert len(images) == 5  # bursts, stars, hours, scripts, topic overlap
    for data in images:
        image = Image.open(io.BytesIO(data))
        image.load()
        assert image.width >= 400 and image.height >= 250
        assert len(image.convert("RGB").getcolors(1 << 20) or []) > 50
    assert len(list((case_run.output_dir / "plots").glob("*.png"))) == len(images)
    assert "did not run" not in page and "could not be built" not in page
    assert "not proof of who runs it" in page
    assert "Test case &lt;with markup &amp; a title&gt;" in page
    # Every investigation of the case is reused, none run twice: all of them are linked.
    for result in case_run.results:
        assert f'href="{result.files["csv"]}"' in page, result.name


def test_tables_are_escaped() -> None:
    cell = '<script>alert("x")</script>'
    html_table = table_html([{"display_name": cell, "<b>": 1}])
    assert "<script>" not in html_table and "<b>" not in html_table
    assert "&lt;script&gt;" in html_table


def test_report_of_an_empty_scope_says_so_instead_of_failing(
    session_graph: Graph, world: dict[str, Any], tmp_path: Path
) -> None:
    path = write_report(session_graph, tmp_path, parameters={"collections": ["no-such-thing"]})
    page = path.read_text(encoding="utf-8")
    assert embedded_pngs(page) == []
    assert page.count("found nothing in scope") >= 3
    assert "could not be built" not in page


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_report_renders_in_headless_chromium(case_run: CaseResult, tmp_path: Path) -> None:
    assert case_run.report is not None
    shot = screenshot(case_run.report, tmp_path / "report.png", tmp_path)
    # The same page without its images: what text, tables and styling alone look like.
    bare = tmp_path / "bare" / "index.html"
    bare.parent.mkdir()
    bare.write_text(
        re.sub(r"<img [^>]*>", "", case_run.report.read_text(encoding="utf-8")), encoding="utf-8"
    )
    control = screenshot(bare, tmp_path / "bare.png", tmp_path)
    assert distinct_colours(shot) > max(2000, 5 * distinct_colours(control))
    for name, colour in PLOT_COLOURS.items():
        near = (np.abs(shot.astype(int) - colour).max(axis=2) <= 12).sum()
        assert near > 200, f"the screenshot shows no {name}: are the plots drawn?"


def distinct_colours(image: np.ndarray) -> int:
    packed = (image[..., 0].astype(np.int64) << 16) | (image[..., 1].astype(np.int64) << 8)
    return len(np.unique(packed | image[..., 2]))


def screenshot(page: Path, png: Path, scratch: Path) -> np.ndarray:
    assert CHROMIUM is not None
    profile = scratch / f"profile-{png.stem}"
    completed = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            f"--screenshot={png}",
            "--window-size=1400,8000",
            page.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert png.exists(), completed.stderr[-2000:]
    return np.asarray(Image.open(png).convert("RGB"))


# --- the Gephi export ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exports(
    session_graph: Graph,
    world: dict[str, Any],
    case_run: CaseResult,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Any]:
    """Every export, written and read back, with the graph they were exported from."""
    graph, collection = session_graph, world["collection"]
    # Other tests rerun communities (renumbering them): write one partition for all exports.
    graph.run_pack(investigation("communities"), investigation("communities").bind({}))
    folder = tmp_path_factory.mktemp("exports")
    scope = {"collections": [collection]}
    community = graph.query(
        "MATCH (a:Account {role: 'poster'}) RETURN a.community AS c ORDER BY a.authority DESC "
        "LIMIT 1"
    )[0]["c"]
    export_graph(graph, "gexf", folder / "all.gexf", parameters=scope)
    export_graph(graph, "graphml", folder / "all.graphml", parameters=scope)
    export_graph(graph, "graphml", folder / "community.graphml", community=community)
    export_graph(
        graph, "gexf", folder / "stars.gexf", investigation="great-retweet", parameters=scope
    )
    export_graph(
        graph, "gexf", folder / "pairs.gexf", investigation="amplifier-pools", parameters=scope
    )
    return {
        "pairs": nx.read_gexf(folder / "pairs.gexf"),
        "amplifier_pools": graph.run_pack(
            investigation("amplifier-pools"), investigation("amplifier-pools").bind(scope)
        ),
        "gexf": nx.read_gexf(folder / "all.gexf"),
        "graphml": nx.read_graphml(folder / "all.graphml"),
        "community": nx.read_graphml(folder / "community.graphml"),
        "community_id": community,
        "stars": nx.read_gexf(folder / "stars.gexf"),
        "great_retweet": graph.run_pack(
            investigation("great-retweet"), investigation("great-retweet").bind(scope)
        ),
        "edges": graph.query(
            f"MATCH (a:Account)-[r:{INTERACTIONS}]->(b:Account) "
            "RETURN a.key AS source, b.key AS target, type(r) AS type, r.count AS count"
        ),
        "accounts": {
            row["key"]: row
            for row in graph.query(
                "MATCH (a:Account) RETURN a.key AS key, a.screen_name AS screen_name, "
                "a.id AS account_id, a.display_name AS display_name, a.community AS community, "
                "a.role AS role, a.hub AS hub, a.authority AS authority, "
                "toString(a.created_at) AS created_at, a.followers AS followers"
            )
        },
    }


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_export_round_trip_keeps_every_account_edge_and_count(
    exports: dict[str, Any], fmt: str
) -> None:
    network = exports[fmt]
    expected = {(e["source"], e["target"], e["type"]): e["count"] for e in exports["edges"]}
    assert network.is_directed() and network.is_multigraph()
    found = {(u, v, data["interaction"]): data["count"] for u, v, data in network.edges(data=True)}
    assert found == expected
    assert all(float(d["weight"]) == d["count"] for *_, d in network.edges(data=True))
    assert all(d["first_at"] <= d["last_at"] for *_, d in network.edges(data=True))
    assert set(network) == {key for edge in expected for key in edge[:2]}


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_export_round_trip_keeps_account_attributes(exports: dict[str, Any], fmt: str) -> None:
    network = exports[fmt]
    accounts = exports["accounts"]
    roles = set()
    for key, data in network.nodes(data=True):
        account = accounts[key]
        for name in ("screen_name", "account_id", "display_name", "community", "role", "followers"):
            if account[name] is not None:
                assert data[name] == account[name], (key, name)
        for name in ("hub", "authority"):
            if account[name] is not None:
                assert data[name] == pytest.approx(account[name])
        if account["created_at"] is not None:
            assert data["created_at"][:19] == account["created_at"][:19]
        roles.add(data.get("role"))
    assert {"poster", "amplifier"} <= roles
    scripts = {data.get("name_script") for _, data in network.nodes(data=True)}
    assert {"Latin", "Cyrillic", "Han"} <= scripts
    cyrillic = [d for _, d in network.nodes(data=True) if d.get("name_script") == "Cyrillic"]
    assert all(re.search("[\u0400-\u04ff]", d["display_name"]) for d in cyrillic)


def test_export_of_one_community_or_one_investigation(exports: dict[str, Any]) -> None:
    community = exports["community"]
    members = {
        k for k, a in exports["accounts"].items() if a["community"] == exports["community_id"]
    }
    assert set(community) == members
    assert all(d["community"] == exports["community_id"] for _, d in community.nodes(data=True))
    inside = {
        (e["source"], e["target"], e["type"])
        for e in exports["edges"]
        if e["source"] in members and e["target"] in members
    }
    assert {(u, v, d["interaction"]) for u, v, d in community.edges(data=True)} == inside

    pairs = exports["amplifier_pools"]
    assert pairs, "the planted pools share amplifiers"
    assert {d["account_id"] for _, d in exports["pairs"].nodes(data=True)} == {
        row[column] for row in pairs for column in ("poster_a_id", "poster_b_id")
    }

    stars = exports["stars"]
    assert {d["account_id"] for _, d in stars.nodes(data=True)} == {
        row["account_id"] for row in exports["great_retweet"]
    }


def test_export_refuses_ambiguous_or_unknown_requests(
    session_graph: Graph, world: dict[str, Any], tmp_path: Path
) -> None:
    target = tmp_path / "x.gexf"
    with pytest.raises(InfoopsError, match="not both"):
        export_graph(session_graph, "gexf", target, investigation="great-retweet", community=1)
    with pytest.raises(InfoopsError, match="export format"):
        export_graph(session_graph, "pdf", target)
    with pytest.raises(InfoopsError, match="unknown parameter"):
        export_graph(session_graph, "gexf", target, parameters={"colour": "red"})
    with pytest.raises(InfoopsError, match="no account id column"):
        export_graph(session_graph, "gexf", target, investigation="creation-bursts")
    with pytest.raises(InfoopsError, match="no account in community -1"):
        export_graph(session_graph, "gexf", target, community=-1)
    assert not target.exists()


# --- the command line --------------------------------------------------------------------------


def infoops(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real command line; the ``cli_env`` fixture points it at the test server."""
    return subprocess.run(
        [sys.executable, "-m", "infoops", *args], capture_output=True, text=True, timeout=600
    )


def test_cli_case_new(cli_env: dict[str, str], tmp_path: Path) -> None:
    printed = infoops("case", "new")
    assert printed.returncode == 0, printed.stderr
    assert tomllib.loads(printed.stdout)["investigation"]
    target = tmp_path / "case.toml"
    assert infoops("case", "new", "--output", str(target)).returncode == 0
    assert target.read_text(encoding="utf-8") == printed.stdout
    again = infoops("case", "new", "--output", str(target))
    assert again.returncode == 1 and again.stderr.startswith("error: ") and "exists" in again.stderr


def test_cli_case_run(cli_env: dict[str, str], world: dict[str, Any], tmp_path: Path) -> None:
    case_file = tmp_path / "case.toml"
    case_file.write_text(
        f'[case]\ncollections = ["{world["collection"]}"]\n'
        '[[investigation]]\nname = "creation-bursts"\n',
        encoding="utf-8",
    )
    done = infoops("case", "run", str(case_file), "--output", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "results" / "creation-bursts.csv").exists()
    assert (tmp_path / "out" / "index.html").exists()
    assert "manifest" in done.stderr

    case_file.write_text('[[investigation]]\nname = "no-such-pack"\n', encoding="utf-8")
    failed = infoops("case", "run", str(case_file), "-o", str(tmp_path / "x"))
    assert failed.returncode == 1
    assert failed.stderr.startswith("error: ") and "no-such-pack" in failed.stderr
    assert "Traceback" not in failed.stderr


def test_cli_report_and_export(
    cli_env: dict[str, str], world: dict[str, Any], tmp_path: Path
) -> None:
    scope = ["-p", f"collections={world['collection']}"]
    report = infoops(
        "report", "--output", str(tmp_path / "r"), *scope, "-p", "timezone=Europe/Paris"
    )
    assert report.returncode == 0, report.stderr
    page = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    assert len(embedded_pngs(page)) == 5 and "Europe/Paris" in page
    wrong = infoops("report", "-o", str(tmp_path / "w"), "-p", "colour=red")
    assert wrong.returncode == 1 and "unknown parameter(s) colour" in wrong.stderr

    gexf = tmp_path / "stars.gexf"
    export = infoops(
        "export", "gexf", "--output", str(gexf), "--investigation", "great-retweet", *scope
    )
    assert export.returncode == 0, export.stderr
    assert nx.read_gexf(gexf).number_of_nodes() > 0
