/* For readers, on every page: copy and download a page's citation, keep the acronyms'
 * pop-ups inside the screen, open a folded list a link leads into, open the folded tables
 * before printing. Plain JavaScript from a file of the site (no inline script), no network:
 * it works from file:// too. Without JavaScript the citation stays readable as text and the
 * pop-ups still show.
 */
(function () {
  "use strict";

  // --- « Citer cette page » --------------------------------------------------------------

  function bibtexText(value) {
    // Braces keep capitals; LaTeX's special characters are escaped.
    return value.replace(/([\\{}%&$#_^~])/g, "\\$1");
  }

  // BibTeX and CSL-JSON from the block's fields: the public address when known, and the
  // edition (its version, and « édition du … » in the note).
  function citationFiles(data, url) {
    var parts = data.date.split("-").map(Number);
    var months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    var edition = data.editionTexte.charAt(0).toUpperCase() + data.editionTexte.slice(1);
    var note = edition + (data.source ? ". D’après : " + data.source : "");
    var bibtex = "@misc{" + data.cle + ",\n" +
      "  author = {{" + bibtexText(data.auteur) + "}},\n" +
      "  title = {{" + bibtexText(data.titre) + "}},\n" +
      "  howpublished = {" + bibtexText(data.site) + "},\n" +
      "  year = {" + parts[0] + "},\n" +
      "  month = " + months[parts[1] - 1] + ",\n" +
      "  date = {" + data.date + "},\n" +
      (url ? "  url = {" + url + "},\n" : "") +
      "  version = {" + bibtexText(data.edition) + "},\n" +
      "  note = {" + bibtexText(note) + "},\n" +
      "  language = {french}\n}\n";
    var item = {
      id: data.cle,
      type: "webpage",
      title: data.titre,
      author: [{ literal: data.auteur }],
      "container-title": data.site,
      issued: { "date-parts": [parts] },
      version: data.edition,
      note: note,
      language: "fr-FR"
    };
    if (url) item.URL = url;
    return { bibtex: bibtex, csl: JSON.stringify([item], null, 2) + "\n" };
  }

  function dataUrl(type, text) {
    return "data:" + type + ";charset=utf-8," + encodeURIComponent(text);
  }

  function setUpCitation(block) {
    var data = block.dataset;
    // The public address, known at build time in every edition; without it (a build with no
    // SITE_URL), the page's own address over http, never a file:// path of the reader's disk.
    var url = data.url || (/^https?:$/.test(location.protocol) ? location.href.split("#")[0].split("?")[0] : "");
    var shown = block.querySelector(".labo-citer__url");
    if (!data.url && url && shown) {
      shown.textContent = url;
      block.querySelector(".labo-citer__adresse").hidden = false;
    }
    var files = citationFiles(data, url);
    block.querySelector(".labo-citer__bibtex").href = dataUrl("application/x-bibtex", files.bibtex);
    block.querySelector(".labo-citer__csl").href = dataUrl("application/vnd.citationstyles.csl+json", files.csl);
    var state = block.querySelector(".labo-citer__etat");
    var text = block.querySelector(".labo-citer__texte");
    block.querySelector(".labo-citer__copier").addEventListener("click", function () {
      var reference = text.textContent.replace(/\s+/g, " ").trim();
      function done() { state.textContent = "Référence copiée."; }
      function fallback() {
        // Without the clipboard API (file://, older browsers): select the text to copy.
        var range = document.createRange();
        range.selectNodeContents(text);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        state.textContent = document.execCommand && document.execCommand("copy")
          ? "Référence copiée." : "Référence sélectionnée : copiez-la avec Ctrl+C.";
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(reference).then(done, fallback);
      } else {
        fallback();
      }
    });
    block.querySelector(".labo-citer__actions").hidden = false;
  }

  // --- Acronyms' pop-ups inside the screen ------------------------------------------------------

  // The pop-up (abbr::after, labo.css) starts at the acronym's left edge; near the right
  // edge it is moved left by what would stick out, never past the left edge.
  function placeBubble(event) {
    var abbr = event.target.closest && event.target.closest("abbr[title]");
    if (!abbr) return;
    abbr.style.setProperty("--labo-bulle-decalage", "0px");
    var bubble = getComputedStyle(abbr, "::after");
    var width = parseFloat(bubble.width);
    if (!width) return;
    var margin = 8;
    var screen = document.documentElement.clientWidth;
    var left = abbr.getBoundingClientRect().left;
    var shift = Math.min(0, screen - margin - (left + width));
    shift = Math.max(shift, margin - left);
    abbr.style.setProperty("--labo-bulle-decalage", shift + "px");
  }

  // --- A [n] mark leads into a folded list: the list opens (browsers that do not open a
  // <details> around the target of a link themselves) ------------------------------------------

  function unfoldTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var fold = target && target.closest("details:not([open])");
    if (fold) {
      fold.open = true;
      target.scrollIntoView();
    }
  }

  // --- Print: folded content unfolded ----------------------------------------------------------

  var folded = [];
  window.addEventListener("beforeprint", function () {
    folded = Array.prototype.filter.call(document.querySelectorAll("details"), function (details) {
      return !details.open;
    });
    folded.forEach(function (details) { details.open = true; });
  });
  window.addEventListener("afterprint", function () {
    folded.forEach(function (details) { details.open = false; });
    folded = [];
  });

  function setUp() {
    Array.prototype.forEach.call(document.querySelectorAll(".labo-citer"), setUpCitation);
    unfoldTarget();
  }

  window.addEventListener("hashchange", unfoldTarget);
  document.addEventListener("focusin", placeBubble);
  document.addEventListener("mouseover", placeBubble);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
