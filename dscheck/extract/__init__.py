"""The extract stage: a news article in, draft v1 claims out (Korean or English), for a person to confirm."""

from dscheck.extract.draft import append_to, render
from dscheck.extract.instruments import Lexicon, load_instruments
from dscheck.extract.interface import Drafted, Extraction, ExtractError, Instrument, Unmapped
from dscheck.extract.rules import extract

__all__ = [
    "Drafted",
    "Extraction",
    "ExtractError",
    "Instrument",
    "Lexicon",
    "Unmapped",
    "append_to",
    "extract",
    "load_instruments",
    "render",
]
