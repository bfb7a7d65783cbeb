/* A page opened from a search result (?h=terms): its words that match are marked.
 * The same normalisation as the search, so « cooperation » marks « coopération », and
 * « cluster » marks « Clus’Ter ». */
(function () {
  "use strict";

  var N = window.LaboSearchNormalisation;
  var wanted = new Set();
  (new URLSearchParams(location.search).get("h") || "").split(/\s+/).forEach(function (word) {
    N.words(word).forEach(function (w) { wanted.add(w); wanted.add(N.stem(w)); });
  });
  var content = document.querySelector("article.md-content__inner");
  if (!wanted.size || !content) return;

  var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT, {
    acceptNode: function (node) {
      return node.parentElement.closest("script, style, svg, mark, .headerlink") ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT;
    }
  });
  var nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  function found(w) {
    return wanted.has(w.word) || wanted.has(N.stem(w.word));
  }
  nodes.forEach(function (node) {
    var text = node.nodeValue;
    var folded = N.foldWithPositions(text);
    var hits = N.foldedWords(folded.text).filter(found);
    // A compound asked for joined (« cluster » for « Clus’Ter ») is marked whole, unless a part is.
    var joined = N.foldedCompounds(folded.text).filter(function (c) {
      return found(c) && !hits.some(function (w) { return w.start >= c.start && w.end <= c.end; });
    });
    if (joined.length) hits = hits.concat(joined).sort(function (a, b) { return a.start - b.start; });
    if (!hits.length) return;
    var fragment = document.createDocumentFragment(), at = 0;
    hits.forEach(function (w) {
      var start = folded.offsets[w.start], end = folded.offsets[w.end];
      if (start > at) fragment.appendChild(document.createTextNode(text.slice(at, start)));
      var mark = document.createElement("mark");
      mark.setAttribute("data-md-highlight", "");
      mark.textContent = text.slice(start, end);
      fragment.appendChild(mark);
      at = end;
    });
    if (at < text.length) fragment.appendChild(document.createTextNode(text.slice(at)));
    node.parentNode.replaceChild(fragment, node);
  });
})();
