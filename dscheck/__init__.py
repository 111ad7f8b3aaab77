"""dscheck: fact-check the numbers in financial news against market data."""

__version__ = "0.1.0"
