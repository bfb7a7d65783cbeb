"""Options of the labo-ess MkDocs plugin (mkdocs.yml, under `plugins: - labo-ess:`)."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class LaboEssConfig(Config):
    # Folders, relative to the directory of mkdocs.yml.
    data_dir = c.Type(str, default="data")
    schemas_dir = c.Type(str, default="data/schemas")
    monographs_dir = c.Type(str, default="monographs")
    # Files copied into the site: {path in the site: path in the project}.
    extra_files = c.Type(dict, default={})
    # Where `make pdf` leaves the PDF editions; copied under telechargements/ when present.
    pdf_dir = c.Type(str, default="dist/pdf")
    # Where `make epub` leaves the EPUB editions; copied there too.
    epub_dir = c.Type(str, default="dist/epub")
    # The repository's branch that « Proposer une correction » opens in the web editor (repo_url).
    branche = c.Type(str, default="main")
