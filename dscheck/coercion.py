"""Command-line values for typer without pydantic: text, paths, flags and lists of text, converted directly.

typer 0.29 converts every parameter through a pydantic TypeAdapter (pydantic is a hard dependency of typer
since 0.29; nothing else here needs it), and importing pydantic costs about as much as all the rest of
`dscheck validate`. dscheck's parameters are plain text, paths, flags and lists of text, which need no
validation library. `Group` is typer's group with those conversions put in place; any other type, and any
value out of the ordinary, still goes through typer's own conversion, so messages and results stay typer's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typer.core import TyperGroup

try:  # typer's internals: if a later typer moves them, its own conversion simply stays in place
    from typer._coercion import RuntimeParam, build_runtime_param
    from typer._param_types import coerce_cli_path
except ImportError:  # pragma: no cover - depends on the typer release
    RuntimeParam = None

_TRUE = frozenset({"1", "true", "t", "yes", "y", "on"})  # what typer (through pydantic) reads as a flag's value
_FALSE = frozenset({"0", "false", "f", "no", "n", "off", ""})
_UNUSUAL = object()


def direct(annotation: Any, info: Any, value: Any, param: Any = None, ctx: Any = None) -> Any:
    """The value typer would give for `annotation`, or _UNUSUAL when only typer's own conversion should say."""
    if annotation is str:
        return value if isinstance(value, str) else _UNUSUAL
    if annotation is bool:
        if isinstance(value, bool):
            return value
        word = value.strip().lower() if isinstance(value, str) else None
        return True if word in _TRUE else False if word in _FALSE else _UNUSUAL
    if annotation is Path and info.path_type is None and isinstance(value, (str, Path)):
        return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
    if annotation == list[str] and isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return list(value)
    return _UNUSUAL


if RuntimeParam is not None:

    class _Direct(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            result = direct(self.annotation, self.parameter_info, value, param, ctx)
            if result is _UNUSUAL:
                return build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)
            return result


def _direct_on(param: Any) -> None:
    descriptor = getattr(param, "type_descriptor", None)
    simple = descriptor is not None and descriptor.file_annotation is None and descriptor.parameter_info.parser is None
    if simple and getattr(param, "_runtime_param", 0) is None:
        param._runtime_param = _Direct(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)


def _install(command: Any) -> None:
    for param in getattr(command, "params", ()):
        _direct_on(param)
    original = command.get_help_option  # --help is made on first use, and converted like any flag

    def get_help_option(ctx: Any) -> Any:
        option = original(ctx)
        if option is not None:
            _direct_on(option)
        return option

    command.get_help_option = get_help_option
    for sub in getattr(command, "commands", {}).values():
        _install(sub)


class Group(TyperGroup):
    """typer's group; its commands (and those of its subgroups) convert plain values without pydantic."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        if RuntimeParam is not None:
            _install(self)
