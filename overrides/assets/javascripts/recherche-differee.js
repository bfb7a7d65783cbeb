/* The search index is downloaded when the reader opens the search, not on every visit.
 *
 * Material requests search/search_index.json as soon as a page loads (over http; from
 * file:// it already waits). With thousands of initiatives that index weighs megabytes,
 * so every first visit would pay for a search most readers never open. This script runs
 * before Material's bundle and holds back that one request until the search is opened
 * (click, tap, or the « / », « s », « f » shortcuts) or its field gets the focus. A page
 * reached from a search result (?h=…) needs the index to highlight the terms: it is
 * sent at once there. Material then shows « Initialisation de la recherche » meanwhile.
 */
(function () {
  "use strict";

  var INDEX = /\/search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var released = new URLSearchParams(location.search).has("h");

  // Send the held request(s), once.
  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (call) {
      try {
        send.apply(call.request, call.args);
      } catch (error) {
        // Aborted by Material while held (page left): nothing to send.
      }
    });
  }

  // Note which requests are for the index.
  XMLHttpRequest.prototype.open = function (method, url) {
    this.laboIndex = INDEX.test(new URL(String(url), location.href).pathname);
    return open.apply(this, arguments);
  };

  // Hold the index request until the search is wanted.
  XMLHttpRequest.prototype.send = function () {
    if (this.laboIndex && !released) {
      held.push({ request: this, args: arguments });
      return;
    }
    return send.apply(this, arguments);
  };

  // Opening the search toggles Material's #__search checkbox, whatever the way.
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) release();
  }, true);

  // Focusing the search field (it is always visible on wide screens) also counts.
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest("form[name='search']")) release();
  }, true);
})();
