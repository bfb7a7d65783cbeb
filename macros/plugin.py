"""The labo-ess MkDocs plugin: validated data in, one generated page per monograph out.

It uses only MkDocs' public plugin API (events, `File.generated`, `event_priority`), so
that it keeps working on MkDocs 1.6 and on drop-in forks of it.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from .config import LaboEssConfig
from .renderer import compose_monograph_page, french, monograph_uri
from .structure.catalogue import Catalogue, DataPaths, load_catalogue
from .structure.problems import DataError


class LaboEssPlugin(BasePlugin[LaboEssConfig]):
    catalogue: Catalogue
    files: Files

    # Load and validate all data before any page is read; any problem stops the build.
    def on_config(self, config):
        self.paths = DataPaths(
            Path(config.config_file_path).parent,
            data_dir=self.config.data_dir,
            monographs_dir=self.config.monographs_dir,
            schemas_dir=self.config.schemas_dir,
        )
        try:
            self.catalogue = load_catalogue(self.paths)
        except DataError as error:
            raise PluginError(error.report()) from None
        # Titles of generated pages, keyed by their source path.
        self.titles = {monograph_uri(item["id"]): item for item in self.catalogue.initiatives}
        return config

    # Add one page per initiative at monographies/<id>.md, made from its prose.
    def on_files(self, files: Files, *, config) -> Files:
        for initiative in self.catalogue.initiatives:
            uri = monograph_uri(initiative["id"])
            if files.get_file_from_path(uri) is not None:
                raise PluginError(f"{uri} existe déjà dans docs/ : les monographies sont générées, "
                                  "supprimez ce fichier.")
            content = compose_monograph_page(initiative["id"], self.catalogue.prose[initiative["id"]])
            files.append(File.generated(config, uri, content=content))
        self.files = files
        return files

    # Give a monograph its title and description from the data, escaped, once macros have
    # run (a low priority runs after them), so that data is never read as a template.
    @event_priority(-100)
    def on_page_markdown(self, markdown, *, page, config, files):
        initiative = self.titles.get(page.file.src_uri)
        if initiative is not None:
            page.title = str(escape(french.typography(initiative["nom"])))
            page.meta["description"] = str(escape(french.typography(initiative["resume"])))
        return markdown

    # When serving, rebuild on a change of the data or of a monograph's prose.
    def on_serve(self, server, *, config, builder):
        server.watch(str(self.paths.project_dir / self.config.data_dir))
        server.watch(str(self.paths.monographs()))
        return server
