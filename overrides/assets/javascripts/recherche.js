/* The search, on every page: a header button, the « s » and « / » shortcuts, a dialog.
 *
 * Only this small file comes with a page. Opening the search loads the rules, the
 * normalisation and the engine (recherche-moteur.js); typing loads only the index chunks
 * of the typed words. A page opened from a result (?h=…) loads the highlighter.
 * Keyboard: ↑ ↓ move through the results, Entrée opens, Échap closes. The dialog is a
 * native modal <dialog> (focus kept inside, the rest of the page inert).
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("__config").textContent);
  var LS = window.LaboSearch = window.LaboSearch || {};
  LS.root = new URL(config.base.replace(/\/?$/, "/"), location.href).href;
  var assets = LS.root + "assets/javascripts/";
  var PAGE = 10;
  var loaded = {};

  // Scripts added in order run in order (async = false), from http and file:// alike.
  function script(name) {
    if (!loaded[name]) {
      loaded[name] = new Promise(function (resolve, reject) {
        var element = document.createElement("script");
        element.src = assets + name;
        element.async = false;
        element.onload = resolve;
        element.onerror = reject;
        document.head.appendChild(element);
      });
    }
    return loaded[name];
  }

  function engine() {
    return Promise.all(["recherche-regles.js", "recherche-normalisation.js", "recherche-moteur.js"].map(script));
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) node.textContent = text;
    return node;
  }

  var ICON = "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 " +
    "6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5";

  var button = null, dialog = null, input, status, list, more, returnFocus = null;
  var shown = [], active = -1, limit = PAGE, run = 0;

  function setUpButton() {
    var header = document.querySelector(".md-header__inner");
    if (!header) return;
    button = element("button", {
      type: "button", class: "md-header__button labo-recherche-bouton", "aria-haspopup": "dialog",
      "aria-keyshortcuts": "s /", title: "Rechercher (touche s ou /)"
    });
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", ICON);
    svg.appendChild(path);
    button.appendChild(svg);
    button.appendChild(element("span", { class: "labo-recherche-bouton__texte" }, "Rechercher"));
    button.addEventListener("click", open);
    header.insertBefore(button, header.querySelector(".md-header__source"));
  }

  function setUpDialog() {
    dialog = element("dialog", { class: "labo-recherche", "aria-label": "Rechercher dans le site" });
    var form = element("form", { class: "labo-recherche__formulaire", role: "search" });
    var label = element("label", { for: "labo-recherche-champ", class: "labo-recherche__libelle" }, "Rechercher");
    input = element("input", {
      id: "labo-recherche-champ", type: "text", role: "combobox", "aria-autocomplete": "list",
      "aria-expanded": "false", "aria-controls": "labo-recherche-resultats", autocomplete: "off",
      autocapitalize: "off", spellcheck: "false", enterkeyhint: "go",
      placeholder: "Un mot, un nom, un sigle…", "aria-describedby": "labo-recherche-aide"
    });
    var close = element("button", { type: "button", class: "labo-recherche__fermer" }, "Fermer");
    form.append(label, input, close);
    status = element("p", { class: "labo-recherche__etat", role: "status" });
    list = element("div", { id: "labo-recherche-resultats", role: "listbox", class: "labo-recherche__resultats",
                            "aria-label": "Résultats" });
    more = element("button", { type: "button", class: "labo-recherche__plus", hidden: "" },
                   "Afficher plus de résultats");
    var help = element("p", { id: "labo-recherche-aide", class: "labo-recherche__aide" },
                       "↑ et ↓ pour choisir un résultat, Entrée pour l’ouvrir, Échap pour fermer.");
    dialog.append(form, status, list, more, help);
    document.body.appendChild(dialog);

    form.addEventListener("submit", function (event) { event.preventDefault(); go(); });
    input.addEventListener("input", function () { limit = PAGE; search(); });
    input.addEventListener("keydown", keydown);
    close.addEventListener("click", function () { dialog.close(); });
    more.addEventListener("click", function () { limit += PAGE; search(); input.focus(); });
    dialog.addEventListener("close", function () {
      if (returnFocus && returnFocus.focus) returnFocus.focus();
    });
    // A click on the backdrop (outside the dialog's box) closes it.
    dialog.addEventListener("click", function (event) {
      if (event.target !== dialog) return;
      var box = dialog.getBoundingClientRect();
      var inside = event.clientX >= box.left && event.clientX <= box.right &&
        event.clientY >= box.top && event.clientY <= box.bottom;
      if (!inside) dialog.close();
    });
  }

  function open() {
    if (!dialog) setUpDialog();
    if (dialog.open) return;
    returnFocus = document.activeElement;
    dialog.showModal();
    input.focus();
    input.select();
    if (!LS.search) status.textContent = "Chargement de la recherche…";
    engine().then(search, function () {
      status.textContent = "La recherche n’a pas pu être chargée.";
    });
  }

  function select(index) {
    if (active >= 0 && shown[active]) shown[active].setAttribute("aria-selected", "false");
    active = index;
    if (active >= 0 && shown[active]) {
      shown[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", shown[active].id);
      shown[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function go() {
    var target = shown[active >= 0 ? active : 0];
    if (target) location.href = target.href;
  }

  function keydown(event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!shown.length) return;
      event.preventDefault();
      var step = event.key === "ArrowDown" ? 1 : -1;
      select(Math.max(0, Math.min(shown.length - 1, active + step)));
    } else if (event.key === "Enter") {
      event.preventDefault();
      go();
    }
  }

  function plural(count, one, many) {
    return count + "\u00a0" + (count > 1 ? many : one);
  }

  function render(query, found) {
    list.textContent = "";
    shown = [];
    active = -1;
    input.removeAttribute("aria-activedescendant");
    found.results.forEach(function (result, index) {
      var option = element("a", { role: "option", id: "labo-recherche-r" + index, href: result.url,
                                  class: "labo-recherche__resultat", "aria-selected": "false" });
      var heading = element("span", { class: "labo-recherche__entete" });
      heading.append(element("span", { class: "labo-recherche__titre" }, result.title),
                     element("span", { class: "labo-recherche__genre" },
                             result.kind + (result.section && result.kind === "Chapitre" ? " · " + result.section : "")));
      // After the pages holding every word, those holding some of them say so.
      if (result.partial) heading.append(element("span", { class: "labo-recherche__partiel" }, "une partie des mots"));
      var text = element("span", { class: "labo-recherche__extrait" });
      result.excerpt.forEach(function (piece) {
        text.appendChild(piece.marked ? element("mark", {}, piece.text) : document.createTextNode(piece.text));
      });
      option.append(heading, text);
      list.appendChild(option);
      shown.push(option);
    });
    input.setAttribute("aria-expanded", shown.length ? "true" : "false");
    // What the list shows (read by the tests, which type the query key by key).
    list.dataset.query = query;
    list.dataset.total = String(found.total);
    more.hidden = found.total <= shown.length;
    var quoted = "«\u00a0" + query.trim() + "\u00a0»";
    if (found.total === 0) {
      status.textContent = "Aucun résultat pour " + quoted + ".";
    } else if (found.full === 0) {
      status.textContent = "Aucune page ne contient tous ces mots\u00a0; " +
        plural(found.total, "page en contient", "pages en contiennent") + " une partie.";
    } else if (found.full < found.total) {
      status.textContent = plural(found.full, "résultat", "résultats") + " pour " + quoted + ", puis " +
        plural(found.total - found.full, "page qui en contient", "pages qui en contiennent") + " une partie.";
    } else {
      status.textContent = plural(found.total, "résultat", "résultats") + " pour " + quoted + ".";
    }
  }

  function search() {
    if (!LS.search) return;
    var query = input.value;
    var ticket = ++run;
    if (window.LaboSearchNormalisation.words(query).join("").length < 2) {
      render(query, { total: 0, full: 0, results: [] });
      status.textContent = query.trim() ? "Tapez au moins deux lettres." : "";
      more.hidden = true;
      return;
    }
    LS.search(query, limit).then(function (found) {
      if (ticket === run) render(query, found);
    }, function () {
      if (ticket === run) status.textContent = "Une partie de l’index n’a pas pu être chargée.";
    });
  }

  // « s » and « / » open the search, unless the reader is typing in a field.
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || (event.key !== "s" && event.key !== "/")) return;
    var target = event.target;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    if (dialog && dialog.open) return;
    event.preventDefault();
    open();
  });

  setUpButton();
  // A search asked for in the address (?q=, the 404 page's form): open it with those words.
  var asked = new URLSearchParams(location.search).get("q");
  if (asked && asked.trim()) {
    open();
    input.value = asked;
    limit = PAGE;
    engine().then(search);
  }
  // A page opened from a result: mark the words found (?h=).
  if (new URLSearchParams(location.search).get("h")) {
    Promise.all(["recherche-regles.js", "recherche-normalisation.js", "recherche-surlignage.js"].map(script));
  }
})();
