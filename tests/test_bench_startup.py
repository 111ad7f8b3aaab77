"""Start-up stays light: the hot commands import no heavy library, and typer's values come out the same without pydantic."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated, Optional

import pytest
import typer

from dscheck import coercion

REPO = Path(__file__).resolve().parent.parent
HEAVY = ("pydantic", "pandas", "numpy", "yfinance", "exchange_calendars", "requests", "curl_cffi")

# Runs the CLI in a fresh interpreter and prints which heavy top-level packages it imported.
PROBE = """
import json, sys
heavy = json.loads(sys.argv[2])
sys.argv = ["dscheck", *json.loads(sys.argv[1])]
from dscheck.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m in heavy or m.split(".")[0] in heavy)), file=sys.stderr)
"""


def _heavy_imports(args: list[str], tmp_path: Path, heavy=HEAVY) -> list[str]:
    env = {**os.environ, "DSCHECK_OFFLINE": "1", "DSCHECK_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args), json.dumps(heavy)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    return json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "args",
    [["--help"], ["verify", "--help"], ["validate", "claims.yaml"], ["verify", "claims.yaml", "--evidence", "EVIDENCE"]],
    ids=["help", "verify-help", "validate", "verify"],
)
def test_hot_commands_import_no_heavy_library(args, tmp_path):
    (tmp_path / "claims.yaml").write_bytes((REPO / "claims.yaml").read_bytes())
    args = [str(REPO / "evidence") if a == "EVIDENCE" else a for a in args]
    assert _heavy_imports(args, tmp_path) == []


# What each hot command must not load, beyond the heavy libraries: the records and readers of the stages it
# does not reach, and on an offline run from the evidence archive, the live path.
UNNEEDED = {
    "help": ("dscheck.verdicts", "dscheck.market", "dscheck.catalogue.loader", "rich.console"),
    "validate": ("dscheck.verdicts", "dscheck.market", "rich.console"),
    "verify": ("dscheck.market.yahoo", "platformdirs", "dscheck.reports.html", "dscheck.reports.junit"),
}


@pytest.mark.parametrize(
    "name, args",
    [("help", ["--help"]), ("validate", ["validate", "claims.yaml"]),
     ("verify", ["verify", "claims.yaml", "--evidence", str(REPO / "evidence")])],
)
def test_hot_commands_load_only_what_they_use(name, args, tmp_path):
    (tmp_path / "claims.yaml").write_bytes((REPO / "claims.yaml").read_bytes())
    assert _heavy_imports(args, tmp_path, UNNEEDED[name]) == []


def _sample_app():
    """A typer app with one parameter of each plain type dscheck uses, built on dscheck's group."""
    import typer.main

    app = typer.Typer(cls=coercion.Group)

    @app.command()
    def run(
        path: Path = Path("claims.yaml"),
        maybe_path: Annotated[Optional[Path], typer.Option()] = None,
        text: str = "table",
        flag: Annotated[bool, typer.Option(envvar="SAMPLE_FLAG")] = False,
        many: Annotated[Optional[list[str]], typer.Option()] = None,
    ) -> None:
        pass

    @app.command()
    def other() -> None:
        pass

    group = typer.main.get_command(app)
    return {p.name: p for p in group.commands["run"].params}


SAMPLES = [
    ("path", "claims.yaml"),
    ("path", Path("some/where.yaml")),
    ("path", ""),
    ("maybe_path", "evidence"),
    ("text", "inaccurate,error"),
    ("text", ""),
    ("flag", "1"),
    ("flag", " Yes "),
    ("flag", "off"),
    ("flag", ""),
    ("flag", True),
    ("many", ("id:a*", "tag:b")),
    ("many", []),
]


@pytest.mark.parametrize("name, value", SAMPLES)
def test_direct_conversion_gives_what_typer_gives(name, value):
    from typer._coercion import build_runtime_param

    param = _sample_app()[name]
    descriptor = param.type_descriptor
    expected = build_runtime_param(descriptor)._coerce_value(value, param=param, ctx=None)
    got = coercion.direct(descriptor.annotation, descriptor.parameter_info, value, param, None)
    assert got == expected
    assert type(got) is type(expected)


def test_unusual_values_are_left_to_typer():
    """A flag value typer would refuse is not guessed at: typer's own conversion (and message) decides."""
    from typer._click.exceptions import BadParameter

    param = _sample_app()["flag"]
    descriptor = param.type_descriptor
    assert coercion.direct(descriptor.annotation, descriptor.parameter_info, "maybe", param, None) is coercion._UNUSUAL
    with pytest.raises(BadParameter):
        param._runtime_param.coerce("maybe", param=param, ctx=None)


def test_every_command_converts_its_values_directly():
    """Each parameter of each command (and --help) got the direct conversion, so none reaches for pydantic."""
    import typer.main

    from dscheck.cli import app

    def walk(command):
        yield command
        for sub in getattr(command, "commands", {}).values():
            yield from walk(sub)

    for command in walk(typer.main.get_command(app)):
        for param in command.params:
            assert type(param._runtime_param).__name__ == "_Direct", (command.name, param.name)
