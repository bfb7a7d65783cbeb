"""The site's own French search: normalisation rules, index built at build time, shipped in chunks."""
