// Catalogue page: filter by type, région and theme, sort by column. Plain JavaScript, no
// network: it works from file:// too. Without JavaScript the full table stays readable.
(function () {
  "use strict";

  function setUp() {
    var table = document.getElementById("catalogue-tableau");
    var form = document.getElementById("catalogue-filtres");
    var count = document.getElementById("catalogue-compte");
    if (!table || !form || !count) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var fields = form.querySelectorAll("[data-filtre]");

    // The search's normalisation (accents, case, ligatures, apostrophes): one definition.
    function normalise(text) {
      return window.LaboSearchNormalisation.fold(text).trim();
    }

    function apply() {
      var type = form.querySelector('[data-filtre="type"]').value;
      var region = form.querySelector('[data-filtre="region"]').value;
      var theme = normalise(form.querySelector('[data-filtre="theme"]').value);
      var shown = 0;
      rows.forEach(function (row) {
        var visible = (!type || row.dataset.type === type) &&
          (!region || row.dataset.region === region) &&
          (!theme || normalise(row.dataset.theme).indexOf(theme) !== -1);
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = shown === 0 ? "Aucune entrée ne correspond"
        : shown === 1 ? "1 entrée" : shown + " entrées";
    }

    function cellValue(row, index, numeric) {
      var cell = row.cells[index];
      var raw = cell.dataset.valeur !== undefined ? cell.dataset.valeur : cell.textContent;
      return numeric ? (raw === "" ? Infinity : Number(raw)) : normalise(raw);
    }

    // Sorting: each column header becomes a button; aria-sort tells its state.
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (header, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "labo-tri";
      button.textContent = header.textContent;
      header.textContent = "";
      header.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        var numeric = header.dataset.tri === "nombre";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        count.textContent = count.textContent; // keep the count announced after sorting
      });
    });

    Array.prototype.forEach.call(fields, function (field) {
      field.addEventListener(field.tagName === "SELECT" ? "change" : "input", apply);
    });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
