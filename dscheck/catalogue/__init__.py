"""The catalogue stage: claims.yaml in, Claim objects out."""

from dscheck.catalogue.interface import Article, Catalogue, CatalogueError, Claim, Location, Problem

__all__ = ["Article", "Catalogue", "CatalogueError", "Claim", "Location", "Problem", "load", "loads"]


def __getattr__(name: str):
    # The loader (and PyYAML with it) loads only when a command reads a catalogue, not for `--help`.
    if name in ("load", "loads"):
        from dscheck.catalogue import loader

        return getattr(loader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
