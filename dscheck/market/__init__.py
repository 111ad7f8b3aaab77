"""The market stage: where bars come from (evidence archive, and the live path)."""
