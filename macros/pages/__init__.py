"""Which pages exist and what each is made of: provenance, history, uses of the data."""
