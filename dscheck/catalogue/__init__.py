"""The catalogue stage: claims.yaml in, Claim objects out."""

from dscheck.catalogue.interface import Article, Catalogue, CatalogueError, Claim, Location, Problem
from dscheck.catalogue.loader import load, loads

__all__ = ["Article", "Catalogue", "CatalogueError", "Claim", "Location", "Problem", "load", "loads"]
