# Every target builds its own virtualenv in .venv, so a fresh clone needs only python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: verify test evidence clean bench

$(BIN)/dscheck: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Exit 1 only means some claims failed (the seed articles do hold wrong figures); 2 and 3 are real errors.
verify: $(BIN)/dscheck
	$(BIN)/dscheck verify claims.yaml || [ $$? -eq 1 ]

test: $(BIN)/dscheck
	$(BIN)/python -m pytest -q

# Every benchmark of issue 6 as one table (figure, target, baseline, ratio); exits 1 if a target is missed.
# BENCH='--million' adds the 1,000,000-claim run.
bench: $(BIN)/dscheck
	$(BIN)/python benchmarks/run.py $(BENCH)

# The bundled evidence archive, rebuilt from the market record beside this checkout.
# One import per provenance group, so the manifest says where each file came from.
RECORD ?= ../shared/market-record
IMPORT = $(BIN)/dscheck evidence import $(RECORD) --into evidence.new
evidence: $(BIN)/dscheck
	rm -rf evidence.new
	$(IMPORT) --only '*.1d.csv' \
	  --source "Yahoo Finance chart API, daily bars (open, high, low, close, volume as quoted)" \
	  --adjustment "split-adjusted, not dividend-adjusted (indices, rates, FX and crypto: none)"
	$(IMPORT) --only '267260.KS.1d.csv' --only '010120.KS.1d.csv' --only '298040.KS.1d.csv' \
	  --source "Korea Exchange daily prices (KRX, via pykrx)" \
	  --adjustment "adjusted for splits and other corporate actions, not for dividends"
	$(IMPORT) --only '^KS11.1d.csv' \
	  --source "KOSPI daily closes from a Korean market-statistics export (close only)" --adjustment "none (index)"
	$(IMPORT) --only 'DGS10.1d.csv' \
	  --source "FRED series DGS10, 10-year Treasury constant-maturity yield in percent (one value a day)" \
	  --adjustment "none (rate)"
	$(IMPORT) --only '*.1h.csv' \
	  --source "Yahoo Finance 60-minute bars via yfinance (stocks and indices: regular session only; futures: the full Globex session)" \
	  --adjustment "split-adjusted, not dividend-adjusted"
	$(IMPORT) --only '^GSPC.5m.csv' \
	  --source "S&P 500 5-minute bars, regular session, from a charting-platform export (prices agree with Yahoo's)" \
	  --adjustment "none (index)"
	$(IMPORT) --only 'QQQ.5m.csv' --only 'SPY.5m.csv' --only 'AAPL.5m.csv' --only 'MSFT.5m.csv' --only 'META.5m.csv' \
	  --source "Polygon.io 5-minute aggregates, pre-market from 04:00 and after-hours to 20:00 ET included" \
	  --adjustment "raw trade prices"
	$(BIN)/dscheck evidence check evidence.new
	rm -rf evidence && mv evidence.new evidence

clean:
	rm -rf $(VENV) build *.egg-info
