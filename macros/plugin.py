"""The labo-ess MkDocs plugin: validated data in, one generated page per monograph out.

It uses only MkDocs' public plugin API (events, `File.generated`, `event_priority`), so
that it keeps working on MkDocs 1.6 and on drop-in forks of it.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from macros import csp, french
from macros.build_log import FrenchLog, Source, install
from macros.checks.addresses import former_ids
from macros.checks.site_config import site_config_problems
from macros.checks.validate import load_catalogue
from macros.config import LaboEssConfig
from macros.editions import EDITIONS
from macros.layout import CATALOGUE_PAGE, monograph_order, monograph_uri
from macros.model.catalogue import Catalogue
from macros.model.collections import DataPaths
from macros.model.version import current_edition
from macros.pages.history import History
from macros.pages.provenance import Provenance
from macros.pages.usage import Usage
from macros.problems import NBSP, NNBSP, DataError, Problem
from macros.renderer import Renderer, corrections_page, edit_link, exports, monograph_markdown, preview_image, redirects, share
from macros.renderer.datapackage import datapackage
from macros.renderer.error_page import error_files, error_page, from_problems, located
from macros.renderer.monograph_page import compose_monograph_page
from macros.renderer.page_infos import PageInfos
from macros.renderer.print_notes import gather as gather_notes
from macros.renderer.stash import HtmlStash
from macros.renderer.templating import keep_compiled

log = logging.getLogger("mkdocs.plugins.labo_ess")


def stop(report: str, summary: str = "Construction arrêtée (voir ci-dessus).") -> Abort:
    """A French stop: the report through MkDocs' log, then MkDocs' own way out, whose last
    line is ours (a PluginError would end with MkDocs' « Aborted with a BuildError! »)."""
    log.error(report)
    return Abort(summary)


def _existing(files: Files, src_uri: str) -> File:
    """A page known to be there: a generated monograph, a page the checked corrections log names."""
    file = files.get_file_from_path(src_uri)
    assert file is not None, src_uri
    return file


class LaboEssPlugin(BasePlugin[LaboEssConfig]):
    catalogue: Catalogue
    files: Files
    # Replaced in on_startup; this one serves builds started without the command line.
    journal = FrenchLog()
    serving = False
    # In the preview, the problems that stopped this build: its every page shows them.
    problems: list[tuple[str, str]] | None = None

    # Once per run: MkDocs speaks French (build_log.py), and knows whether this is the preview.
    def on_startup(self, *, command, dirty):
        self.build_log = FrenchLog()
        self.serving = command == "serve"
        install(self.build_log)

    # Load and validate all data before any page is read; any problem stops the build (the
    # preview shows it on every page instead).
    def on_config(self, config):
        install(self.build_log)
        self.build_log.start_build()
        self.problems = None
        self.stash = HtmlStash()
        # The published address, from the publication workflow; none for a local build.
        if not config.site_url and os.environ.get("SITE_URL", "").strip():
            config.site_url = os.environ["SITE_URL"].strip().rstrip("/") + "/"
        # The repository, for « Proposer une correction »: the same way, from REPO_URL.
        if not config.repo_url and os.environ.get("REPO_URL", "").strip():
            config.repo_url = os.environ["REPO_URL"].strip()
        try:
            self.depot = edit_link.depot(config.repo_url, self.config.branche)
        except ValueError as error:
            raise stop(str(error)) from None
        self.paths = DataPaths(
            Path(config.config_file_path).parent,
            data_dir=self.config.data_dir,
            monographs_dir=self.config.monographs_dir,
            schemas_dir=self.config.schemas_dir,
            docs_dir=os.path.relpath(config.docs_dir, Path(config.config_file_path).parent),
        )
        self.build_log.source_of = lambda src_uri: self._source_of(src_uri, config)
        try:
            self.catalogue = load_catalogue(self.paths)
        except DataError as error:
            if not self.serving:
                raise stop(error.report(), "Construction arrêtée : les données ont des problèmes (liste ci-dessus).") from None
            return self._broken(config, error.report(), from_problems(error.problems))
        for warning in self.catalogue.warnings:
            log.info(str(warning))
        # The edition (date-based version) shown in the footer, the data package and the PDFs.
        self.edition = current_edition(self.paths.project_dir)
        config.extra["edition"] = self.edition.as_extra()
        # The initiative of each generated page, keyed by the page's source path.
        self.monograph_pages = {monograph_uri(item["id"]): item for item in self.catalogue.initiatives}
        # The page left at each withdrawn initiative's address (data/retraits.yaml).
        self.withdrawn_pages = {monograph_uri(item["id"]): item for item in self.catalogue.records.get("retraits", [])}
        # A link to a former id's page: the link messages suggest the current one.
        self.build_log.renamed = {
            monograph_uri(former): monograph_uri(current) for former, current in former_ids(self.catalogue.initiatives).items()
        }
        # The glossary's acronyms on every page, as Markdown abbreviations (title attributes):
        # given once to the abbr extension rather than appended to each page's Markdown.
        glossary = {entry["sigle"]: french.typography(entry["forme_longue"]) for entry in self.catalogue.records.get("glossaire", [])}
        if glossary:
            if "abbr" not in config.markdown_extensions:
                config.markdown_extensions.append("abbr")
            config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary
        return config

    def _broken(self, config, report: str, problems: list[tuple[str, str]]):
        """The preview of a site that cannot be built: the problems in the terminal, and on
        every page (on_files, on_post_build) rather than a failed build, after which MkDocs'
        server would hold every request until the fix."""
        log.error(report)
        log.info("La prévisualisation montre ces problèmes à chaque adresse, jusqu'à leur correction.")
        self.problems = problems
        # The pages the navigation names are not built: no message about each of them.
        config.nav = None
        return config

    def _error_files(self, files: Files, config) -> Files:
        folder = self.paths.monographs()
        monographs = [monograph_uri(path.stem) for path in sorted(folder.glob("*.md"))] if folder.is_dir() else []
        return error_files(files, config, monographs, error_page(self.problems or [], config.site_name))

    # Add one page per initiative at monographies/<id>.md, made from its prose.
    def on_files(self, files: Files, *, config) -> Files:
        if self.problems is not None:
            return self._error_files(files, config)
        docs = os.path.relpath(config.docs_dir, self.paths.project_dir)
        clashes = [
            Problem(
                f"{docs}/{uri}",
                message=f"ce fichier existe déjà dans docs/{NBSP}: les monographies sont générées à partir de "
                f"monographs/{NNBSP}; supprimez-le.",
            )
            for uri in (monograph_uri(initiative["id"]) for initiative in self.catalogue.initiatives)
            if files.get_file_from_path(uri) is not None
        ]
        if clashes:
            report = "\n".join(str(problem) for problem in clashes)
            if not self.serving:
                raise stop(report)
            self._broken(config, report, from_problems(clashes))
            return self._error_files(files, config)
        for initiative in self.catalogue.initiatives:
            uri = monograph_uri(initiative["id"])
            tags = [
                french.typography(self.catalogue.label("type", initiative["type"])),
                french.typography(initiative["territoire"]["region"]),
            ]
            content = compose_monograph_page(self.catalogue.prose[initiative["id"]], tags)
            files.append(File.generated(config, uri, content=content))
        # Published addresses keep working: former ids redirect, withdrawn ones say so.
        redirects.add_files(files, config, self.catalogue)
        # Open data: the entries as JSON, CSV and GeoJSON, the schemas, the completeness report.
        self._add_open_data(files, config)
        for site_path, project_path in self.config.extra_files.items():
            source = self.paths.project_dir / project_path
            if not source.is_file():
                raise stop(f"fichier introuvable : {project_path} (extra_files) — lancez « make offline ».")
            files.append(File.generated(config, site_path, abs_src_path=str(source)))
        # PDF and EPUB editions, when `make pdf` and `make epub` have produced them: copied, and
        # linked from the pages of their report (overrides/main.html reads
        # config.extra.editions_telechargeables).
        config.extra["editions_telechargeables"] = {}
        for edition in EDITIONS:
            formats = []
            for folder, extension in ((self.config.pdf_dir, "pdf"), (self.config.epub_dir, "epub")):
                path = self.paths.project_dir / folder / f"{edition.slug}.{extension}"
                if path.is_file():
                    uri = f"telechargements/{path.name}"
                    files.append(File.generated(config, uri, abs_src_path=str(path)))
                    formats.append({"format": extension.upper(), "uri": uri, "ko": path.stat().st_size // 1024})
            if formats:
                config.extra["editions_telechargeables"][edition.folder] = {"titre": edition.title, "formats": formats}
        self.files = files
        self.usage = self._scan_usage(files)
        self._add_reader_files(files, config)
        # For the French link messages: the pages and the anchors a link may aim at.
        self.build_log.pages = lambda: [file.src_uri for file in files.documentation_pages()]
        self.build_log.anchors = lambda src_uri: set(
            getattr(getattr(files.get_file_from_path(src_uri), "page", None), "present_anchor_ids", None) or ()
        )
        self._add_journal(files, config)
        return files

    def _add_reader_files(self, files: Files, config) -> None:
        """Preview images (one per report, one for the site) and robots.txt; what each page
        is made from and when that last changed, for its date and citation."""
        previews = share.previews(config.site_name, config.site_description or "")
        for preview in previews:
            files.append(File.generated(config, preview.uri, content=preview_image.draw(preview, config.site_name)))
        files.append(File.generated(config, "robots.txt", content=share.robots(config.site_url or "")))
        docs_dir = os.path.relpath(config.docs_dir, self.paths.project_dir)
        provenance = Provenance(
            self.catalogue,
            self.usage,
            self.paths.project_dir,
            docs_dir=docs_dir,
            monographs_dir=self.config.monographs_dir,
            schemas_dir=self.config.schemas_dir,
        )
        history = History(self.paths.project_dir, (docs_dir, self.config.monographs_dir, self.config.data_dir))
        self.page_infos = PageInfos(provenance, history, config, previews, self.edition, self.depot)

    def _source_of(self, src_uri: str, config) -> Source | None:
        """The file an editor writes for a page: monographs/<id>.md for a generated monograph."""
        initiative = getattr(self, "monograph_pages", {}).get(src_uri)
        if initiative is not None:
            path = self.paths.monographs() / f"{initiative['id']}.md"
            return Source(path, self.paths.display(path), prose_only=True)
        path = Path(config.docs_dir) / src_uri
        return Source(path, self.paths.display(path), prose_only=False) if path.is_file() else None

    def _add_journal(self, files: Files, config) -> None:
        """The corrections log as an Atom feed, and the pages each entry corrects."""
        self.corrections = corrections_page.corrections_by_page(self.catalogue, self.usage)
        page = files.get_file_from_path(corrections_page.JOURNAL_PAGE)
        if page is None:
            return
        named = {source for entry in corrections_page.log_entries(self.catalogue) for source in entry["pages"]}
        urls = {source: _existing(files, source).url for source in named}
        author = config.site_author or f"Rédaction du site « {config.site_name} »"
        feed = corrections_page.atom_feed(self.catalogue, page.url, urls, config.site_name, author, config.site_url, self.usage.titles)
        files.append(File.generated(config, corrections_page.FEED, content=feed))

    def _add_open_data(self, files: Files, config) -> None:
        def page_url(row: dict) -> str:
            if row["genre"] == "initiative":
                return _existing(files, monograph_uri(row["id"])).url
            return f"{_existing(files, CATALOGUE_PAGE).url}#entree-{row['id']}"

        for name, export in (
            ("initiatives.json", exports.to_json),
            ("initiatives.csv", exports.to_csv),
            ("initiatives.geojson", exports.to_geojson),
        ):
            files.append(File.generated(config, f"donnees/{name}", content=export(self.catalogue, page_url)))
        # Every figure and every source, with who says it and the excerpts.
        for name, table in (
            ("chiffres.json", exports.figures_json),
            ("chiffres.csv", exports.figures_csv),
            ("sources.json", exports.sources_json),
            ("sources.csv", exports.sources_csv),
            ("chiffres-sources.csv", exports.figure_sources_csv),
        ):
            files.append(File.generated(config, f"donnees/{name}", content=table(self.catalogue)))
        # The CSV files described as a Frictionless Data Package (licence, version, Table Schemas).
        files.append(
            File.generated(
                config,
                "donnees/datapackage.json",
                content=datapackage(self.paths.project_dir / self.config.schemas_dir, self.edition, config.site_url),
            )
        )
        for schema in sorted((self.paths.project_dir / self.config.schemas_dir).glob("*.schema.json")):
            files.append(File.generated(config, f"donnees/schemas/{schema.name}", content=schema.read_bytes()))
        # The completeness report, for maintainers' tools.
        report = self.catalogue.completeness
        files.append(
            File.generated(config, "donnees/etat-des-donnees.json", content=json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        )

    def _scan_usage(self, files: Files) -> Usage:
        """Which written page calls which data (for the sources page)."""
        series: dict[str, list[str]] = {}
        for figure in self.catalogue.records.get("chiffres", []):
            if "serie" in figure:
                series.setdefault(figure["serie"], []).append(figure["id"])
        usage = Usage()
        for file in files.documentation_pages():
            if not file.generated_by:
                usage.add_page(file.src_uri, file.content_string, series)
        for initiative in self.catalogue.initiatives:
            usage.titles[monograph_uri(initiative["id"])] = initiative["nom"]
        for uri, withdrawn in self.withdrawn_pages.items():
            usage.titles[uri] = redirects.withdrawn_title(withdrawn)
        return usage

    # Before macros (a high priority runs first): a written page with no template syntax has
    # nothing for the template engine to do; say so, and it is not compiled for nothing.
    @event_priority(100)
    def _skip_plain_pages(self, markdown, *, page, config, files):
        if "{{" not in markdown and "{%" not in markdown and "{#" not in markdown:
            page.meta.setdefault("render_macros", False)
        return markdown

    # Once macros have run (a low priority runs after them), so that data is never read as
    # a template: give a monograph its title and description from the data, escaped, and
    # its fact sheet and appendices around the prose.
    @event_priority(-100)
    def _complete_monograph(self, markdown, *, page, config, files):
        withdrawn = self.withdrawn_pages.get(page.file.src_uri)
        if withdrawn is not None:
            page.title = str(escape(redirects.withdrawn_title(withdrawn)))
            return redirects.withdrawn_markdown(self.renderer_for(page), withdrawn)
        initiative = self.monograph_pages.get(page.file.src_uri)
        if initiative is None:
            return markdown
        page.title = str(escape(french.typography(initiative["nom"])))
        page.meta["description"] = str(escape(french.typography(initiative["resume"])))
        return monograph_markdown(self.renderer_for(page), initiative["id"], markdown)

    def renderer_for(self, page) -> Renderer:
        """A renderer whose links are relative to this page and whose HTML goes to the stash."""

        def url_for(src_uri: str) -> str:
            target = self.files.get_file_from_path(src_uri)
            if target is None:
                raise stop(f"page introuvable : {src_uri}")
            return target.url_relative_to(page.file)

        return Renderer(self.catalogue, url_for, stash=self.stash.put)

    on_page_markdown = CombinedEvent(_skip_plain_pages, _complete_monograph)

    # Every page read, none written yet: dates, addresses and descriptions (the sitemap is
    # written first), previous and next between monographs in the order of their index.
    def on_env(self, env, *, config, files):
        if self.problems is not None:
            return env
        order = [monograph_uri(item["id"]) for item in monograph_order(self.catalogue.initiatives)]
        self.page_infos.prepare(files, order, config.site_description or "")
        keep_compiled(env)  # the theme's templates are loaded after this event
        return env

    # Each page's preview tags, date and citation, for overrides/main.html.
    def on_page_context(self, context, *, page, config, nav):
        context.update(self.page_infos.context(page))
        return context

    # Put the macros' HTML back in place of its tokens, and let keyboard users reach
    # acronyms (a focusable <abbr> shows its long form on focus).
    # A page the corrections log names says so at its top, with a link to each entry.
    def on_page_content(self, html, *, page, config, files):
        html = self.stash.restore(html, page.file.src_uri)
        # The « selon … » notes after their section, numbered: whole sentences on paper.
        guide = share.online_url(config.site_url or "", "statuts.md")
        html = gather_notes(html, (guide or self.renderer_for(page).url_for("statuts.md")) + "#qui-le-dit", public=bool(guide))
        corrections = self.corrections.get(page.file.src_uri)
        if corrections:
            html = _after_title(html, corrections_page.notice(self.renderer_for(page), corrections))
        return html.replace("<abbr title=", '<abbr tabindex="0" title=')

    # Last of the build: a strict build stops here, in French, on any warning printed above
    # (MkDocs would stop right after, in English). The preview (run without --strict, see
    # the Makefile) shows those warnings on its every page instead, and the problems of a
    # site it could not build at any address (the server's 404 page).
    @event_priority(-100)
    def on_post_build(self, *, config):
        site = Path(config.site_dir)
        if self.problems is not None:
            (site / "404.html").write_text(error_page(self.problems, config.site_name), encoding="utf-8")
            return
        if self.serving and self.build_log.messages:
            _show_everywhere(site, error_page([located(message) for message in self.build_log.messages], config.site_name))
            log.info("La prévisualisation montre ces avertissements à chaque adresse, jusqu'à leur correction.")
            return
        if config.strict and self.build_log.warnings:
            count = self.build_log.warnings
            raise Abort(
                f"Construction arrêtée : {count} avertissement{'s' if count > 1 else ''} ci-dessus, que "
                f"le mode strict ne laisse pas passer ; corrigez-{'les' if count > 1 else 'le'}."
            )

    # Last, over each page's final HTML: its Content-Security-Policy (csp.py).
    @event_priority(-100)
    def on_post_page(self, output, *, page, config):
        return csp.protect(output, page.content or "", preview=self.serving)

    # Pages made from a theme template alone (404.html) get the same policy.
    def on_post_template(self, output_content, *, template_name, config):
        if not template_name.endswith(".html"):
            return output_content
        return csp.protect(output_content, preview=self.serving)

    # When serving, rebuild on a change of the data or of a monograph's prose; and a mkdocs.yml
    # that no longer loads (no plugin runs then) shows its problems instead of a stuck server.
    def on_serve(self, server, *, config, builder):
        server.watch(str(self.paths.project_dir / self.config.data_dir))
        server.watch(str(self.paths.monographs()))
        server.builder = _tolerant(server.builder, Path(config.site_dir), self.paths, config.site_name)
        return server


def _show_everywhere(site: Path, page: str) -> None:
    for path in site.rglob("*.html"):
        path.write_text(page, encoding="utf-8")


def _tolerant(builder, site: Path, paths: DataPaths, site_name: str):
    """The dev server's rebuild, which MkDocs starts by reading mkdocs.yml again: when that file
    is broken, its problems (make check's) at every address of the last site, and the rebuild
    counted done so that the open page reloads; the next save that fixes it rebuilds all."""

    def rebuild() -> None:
        try:
            builder()
        except Exception:
            problems = site_config_problems(paths)
            if not problems:
                raise
            _show_everywhere(site, error_page(from_problems(problems), site_name))
            log.error("mkdocs.yml ne se lit pas : la prévisualisation montre pourquoi à chaque adresse.")

    return rebuild


def _after_title(html: str, block: str) -> str:
    """The block after the page's h1 (a monograph's title is outside its content: first)."""
    end = html.find("</h1>")
    return html[: end + 5] + block + html[end + 5 :] if end >= 0 else block + html
