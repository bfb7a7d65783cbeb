"""Check the data and the prose: one module per family of rules, each returning problems."""
