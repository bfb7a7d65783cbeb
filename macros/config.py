"""Options of the labo-ess MkDocs plugin (mkdocs.yml, under `plugins: - labo-ess:`)."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class LaboEssConfig(Config):
    # Folders, relative to the directory of mkdocs.yml.
    data_dir = c.Type(str, default="data")
    schemas_dir = c.Type(str, default="data/schemas")
    monographs_dir = c.Type(str, default="monographs")
