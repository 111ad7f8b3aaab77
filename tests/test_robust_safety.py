"""Safe by construction: a catalogue's text reaches no shell, no file name, no URL and no HTML unchecked."""

from __future__ import annotations

import ast
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from robust_inputs import REPO, run_cli

PACKAGE = REPO / "dscheck"
MODULES = sorted(PACKAGE.rglob("*.py"))


def calls_and_imports(path: Path) -> list[str]:
    """Every imported module and every called dotted name (os.system, yaml.load, ...) in a module."""
    names = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names += [f"{node.module}.{alias.name}" for alias in node.names] + [node.module or ""]
        elif isinstance(node, ast.Call):
            parts, target = [], node.func
            while isinstance(target, ast.Attribute):
                parts.append(target.attr)
                target = target.value
            if isinstance(target, ast.Name):
                names.append(".".join([target.id, *reversed(parts)]))
            for keyword in node.keywords:
                if keyword.arg == "shell":
                    names.append("shell=")
    return names


# What runs another program, runs a shell or turns text into code: never in dscheck. (dscheck forks only
# itself, to work on two cores; test_only_the_parallel_module_forks holds it there.)
FORBIDDEN = {"subprocess", "pty", "pickle", "marshal", "os.system", "os.popen", "os.posix_spawn", "os.posix_spawnp",
             "eval", "exec", "compile", "shell="}
FORBIDDEN_FAMILIES = ("os.exec", "os.spawn")


def forbidden(names: list[str]) -> list[str]:
    return [n for n in names if n in FORBIDDEN or n.split(".")[0] in FORBIDDEN or n.startswith(FORBIDDEN_FAMILIES)]


def test_the_scan_sees_what_it_looks_for(tmp_path):
    assert len(MODULES) > 20
    assert "yaml.compose" in calls_and_imports(PACKAGE / "catalogue" / "loader.py")
    planted = tmp_path / "planted.py"
    planted.write_text("import os\nfrom subprocess import run\nrun('x', shell=True)\nos.system('x')\nos.execvp('x', [])\n")
    assert forbidden(calls_and_imports(planted)) == ["subprocess.run", "subprocess", "shell=", "os.system", "os.execvp"]


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(REPO)) for p in MODULES])
def test_no_module_starts_a_process_or_a_shell(path):
    assert forbidden(calls_and_imports(path)) == [], path.relative_to(REPO)


def test_only_the_parallel_module_forks():
    forking = [str(p.relative_to(REPO)) for p in MODULES if {"os.fork", "os.forkpty"} & set(calls_and_imports(p))]
    assert forking == ["dscheck/parallel.py"]


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(REPO)) for p in MODULES])
def test_yaml_is_only_read_safely(path):
    unsafe = {"yaml.load", "yaml.load_all", "yaml.unsafe_load", "yaml.full_load", "yaml.Loader", "yaml.UnsafeLoader",
              "yaml.FullLoader", "yaml.CLoader", "yaml.CUnsafeLoader", "yaml.CFullLoader", "yaml.add_constructor"}
    text = path.read_text("utf-8")
    found = [n for n in calls_and_imports(path) if n in unsafe]
    found += [name for name in ("yaml.Loader", "yaml.UnsafeLoader", "yaml.FullLoader", "yaml.CLoader") if name + ")" in text or name + "," in text]
    assert found == [], f"{path.relative_to(REPO)}: {found}"


HOSTILE = """\
dscheck: 1
articles:
  a:
    title: "<b>bold</b> & <script>alert('title')</script>"
    publisher: "<img src=x onerror=alert('publisher')>"
    source: "javascript:alert('source')"
claims:
  - id: script-in-quote
    article: a
    quote: "<script>alert('quote')</script> ../../../../tmp/escaped"
    gloss: "<img src=x onerror=alert('gloss')>"
    tags: ["<i>tag</i>", "../../outside"]
    subject: NVDA
    metric: change_pct
    value: -17
    date: 2025-01-27
  - id: external
    article: a
    quote: "</td></tr></table><script>alert('cell')</script>"
    kind: external
    reason: "\\"><svg onload=alert('reason')>"
"""


class Page(HTMLParser):
    """What a browser would build: the elements, their attributes, the scripts' text, and the page's text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[str, str]] = []  # (type, text)
        self.text: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._script = (dict(attrs).get("type") or "text/javascript") if tag == "script" else None

    def handle_endtag(self, tag):
        self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self.scripts.append((self._script, data))
        else:
            self.text.append(data)


def test_catalogue_text_in_the_html_report_is_text_and_chooses_no_file(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "claims.yaml").write_text(HOSTILE)
    shutil.copytree(REPO / "evidence", project / "evidence", ignore=shutil.ignore_patterns(".lock"))
    before = {p for p in tmp_path.rglob("*")}
    env = {"DSCHECK_OFFLINE": "1", "DSCHECK_CACHE_DIR": str(project / "cache")}
    code, out, err = run_cli("verify", "-o", "report.html", "-o", "report.json", "-o", "report.md", cwd=project, env=env)
    assert code == 0, err
    page = Page()
    page.feed((project / "report.html").read_text("utf-8"))
    text = "".join(page.text)
    for who in ("title", "publisher", "quote", "gloss", "cell", "reason"):
        # Script that runs holds no catalogue text; data blocks (JSON-LD) hold it with every < escaped.
        assert not [text for kind, text in page.scripts if "javascript" in kind and f"alert('{who}')" in text], who
    assert not [text for kind, text in page.scripts if "json" in kind and "<" in text]
    assert not [(tag, attrs) for tag, attrs in page.tags if any(a.startswith("on") for a in attrs) or attrs.get("src") == "x"]
    assert not [attrs for _, attrs in page.tags if any(str(v).startswith("javascript:") for v in attrs.values())]
    for shown in ("<script>alert('quote')</script>", "<img src=x onerror=alert('gloss')>", "<b>bold</b>", "<i>tag</i>"):
        assert shown in text  # shown to the reader, as text
    # The only files made are the ones named on the command line and dscheck's own bookkeeping.
    made = {str(p.relative_to(project)) for p in set(tmp_path.rglob("*")) - before if p.is_file()}
    assert {"report.html", "report.json", "report.md"} <= made
    assert all(m.startswith(("report.", ".dscheck/", "cache/", "evidence/.lock")) for m in made), made
    assert not (tmp_path / "tmp").exists() and not (tmp_path / "outside").exists()


@pytest.mark.parametrize("symbol", ["../../x", "a?b", "a#b", "a/b", "..", "%2e%2e", "a b"])
def test_a_symbol_that_fails_the_schema_never_reaches_the_network(tmp_path, yahoo, symbol):
    (tmp_path / "claims.yaml").write_text(
        "dscheck: 1\narticles: {a: {}}\nclaims:\n"
        f'  - {{id: c, article: a, quote: q, subject: "{symbol}", metric: direction, value: down, date: 2025-01-27}}\n'
    )
    code, out, err = run_cli("verify", "--cache-dir", str(tmp_path / "cache"), cwd=tmp_path, obj=yahoo.obj())
    assert code == 2 and "must be a Yahoo Finance symbol" in err
    code, out, err = run_cli("evidence", "fetch", "--into", "ev", "--cache-dir", str(tmp_path / "cache"), cwd=tmp_path, obj=yahoo.obj())
    assert code == 2 and "must be a Yahoo Finance symbol" in err
    assert yahoo.fake.seen == [] and not (tmp_path / "ev").exists() and not (tmp_path / "cache").exists()


def test_a_good_symbol_does_reach_the_fake_network(tmp_path, yahoo):
    # The test above means something only if the same catalogue with a real symbol is fetched.
    (tmp_path / "claims.yaml").write_text(
        "dscheck: 1\narticles: {a: {}}\nclaims:\n"
        "  - {id: c, article: a, quote: q, subject: NVDA, metric: direction, value: down, date: 2025-01-27}\n"
    )
    code, out, err = run_cli("verify", "--cache-dir", str(tmp_path / "cache"), cwd=tmp_path, obj=yahoo.obj())
    assert code == 0, err
    assert [s.symbol for s in yahoo.fake.charts] == ["NVDA"]
