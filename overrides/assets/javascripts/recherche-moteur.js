/* The search engine: reads the chunked index built by macros/search/ and ranks pages.
 *
 * Loaded when the search is first opened (recherche.js). A query loads the summary once,
 * then only the chunks holding its words, then the texts of the pages it shows: never the
 * whole index. Weights are computed at build time (BM25F); here they are only added up.
 */
(function () {
  "use strict";

  var N = window.LaboSearchNormalisation;
  var LS = window.LaboSearch;
  var PREFIX_LIMIT = 40;     // expansions of a word being typed, the most frequent first
  var TYPO_MIN = 5;          // one typo allowed from five letters on
  var EXCERPT = 220;         // characters of an excerpt
  var pending = {};

  // Chunks are scripts calling LaboSearch.received(name, data): from file:// too.
  LS.received = function (name, data) {
    if (pending[name]) pending[name].resolve(data);
  };

  function load(name) {
    if (!pending[name]) {
      var slot = {};
      slot.promise = new Promise(function (resolve, reject) { slot.resolve = resolve; slot.reject = reject; });
      pending[name] = slot;
      var script = document.createElement("script");
      script.src = LS.root + "recherche/" + name + ".js";
      script.onerror = function () { delete pending[name]; slot.reject(new Error(name)); };
      document.head.appendChild(script);
    }
    return pending[name].promise;
  }

  var summary = null;
  function loadSummary() {
    summary = summary || load("sommaire").then(function (data) {
      return {
        documents: data.documents,
        keys: new Set(data.cles),
        vocabulary: data.vocabulaire ? data.vocabulaire.split(" ") : [],
        frequencies: data.frequences,
        acronyms: data.sigles
      };
    });
    return summary;
  }

  // The chunk holding a term: the longest chunk key that begins it.
  function chunkOf(index, term) {
    for (var length = Math.min(term.length, 5); length >= 1; length -= 1) {
      if (index.keys.has(term.slice(0, length))) return term.slice(0, length);
    }
    return null;
  }

  // First position in the sorted vocabulary not before `word`.
  function lowerBound(list, word) {
    var low = 0, high = list.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (list[middle] < word) low = middle + 1; else high = middle;
    }
    return low;
  }

  // At most one edit (insertion, deletion, substitution, swap of two neighbours).
  function oneEditApart(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i += 1;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // The terms a typed word may stand for, with a factor: exact 1, prefix less, typo less.
  function candidates(index, token) {
    var found = new Map();
    var vocabulary = index.vocabulary;
    if (/^[0-9]+$/.test(token.word)) {
      found.set(token.term, 1);
      return found;
    }
    var at = lowerBound(vocabulary, token.term);
    if (vocabulary[at] === token.term) found.set(token.term, 1);
    if (token.exact) return found;
    if (token.word.length >= 2) {
      var prefixed = [];
      for (var i = lowerBound(vocabulary, token.word); i < vocabulary.length; i += 1) {
        if (vocabulary[i].lastIndexOf(token.word, 0) !== 0) break;
        if (vocabulary[i] !== token.term) prefixed.push(i);
      }
      prefixed.sort(function (x, y) { return index.frequencies[y] - index.frequencies[x]; });
      prefixed.slice(0, PREFIX_LIMIT).forEach(function (i) {
        var term = vocabulary[i];
        found.set(term, Math.max(0.3, Math.min(0.85, 0.9 * token.word.length / term.length)));
      });
    }
    if (found.size === 0 && token.word.length >= TYPO_MIN) {
      for (var j = 0; j < vocabulary.length; j += 1) {
        var other = vocabulary[j];
        if (Math.abs(other.length - token.term.length) <= 1 && oneEditApart(token.term, other)) found.set(other, 0.6);
        else if (Math.abs(other.length - token.word.length) <= 1 && oneEditApart(token.word, other)) found.set(other, 0.6);
      }
    }
    return found;
  }

  // The query's words; a glossary long form written out becomes its acronym.
  function analyse(index, query) {
    var all = N.foldedWords(N.fold(query));
    var words = all.filter(function (w) { return !N.isStopWord(w.word); });
    if (words.length === 0) words = all;
    var tokens = words.map(function (w) { return { word: w.word, term: N.stem(w.word), exact: false }; });
    index.acronyms.forEach(function (pair) {
      var acronym = pair[0], form = pair[1];
      for (var start = 0; start + form.length <= tokens.length; start += 1) {
        var same = form.every(function (term, k) { return tokens[start + k].term === term; });
        if (same) {
          tokens.splice(start, form.length, { word: acronym, term: acronym, exact: true, form: form });
          break;
        }
      }
    });
    return { tokens: tokens, words: all.map(function (w) { return w.word; }) };
  }

  function postings(chunks, index, term) {
    var chunk = chunks[chunkOf(index, term)];
    return (chunk && chunk[term]) || null;
  }

  // Rank documents: every word must match (or, failing that, the most words).
  function rank(index, tokens, chunks, expansions) {
    var scores = new Map(), matched = new Map();
    tokens.forEach(function (token, position) {
      var best = new Map();
      expansions[position].forEach(function (factor, term) {
        var flat = postings(chunks, index, term);
        if (!flat) return;
        for (var i = 0, doc = 0; i < flat.length; i += 2) {
          doc += flat[i];
          var value = factor * flat[i + 1];
          if (!(best.get(doc) >= value)) best.set(doc, value);
        }
      });
      best.forEach(function (value, doc) {
        scores.set(doc, (scores.get(doc) || 0) + value);
        matched.set(doc, (matched.get(doc) || 0) + 1);
      });
    });
    var most = 0;
    matched.forEach(function (count) { if (count > most) most = count; });
    var ranked = [];
    scores.forEach(function (score, doc) { if (matched.get(doc) === most) ranked.push([doc, score]); });
    ranked.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    return { ranked: ranked, complete: most === tokens.length };
  }

  // Words of a title, with stop words: a title that is the query itself ranks first.
  function titleBonus(title, words) {
    var own = N.words(title);
    if (own.join(" ") === words.join(" ")) return 3;
    return (" " + own.join(" ") + " ").indexOf(" " + words.join(" ") + " ") !== -1 ? 1.5 : 1;
  }

  // The passage of a page with the most matched words, as [{text, marked}] pieces.
  function excerpt(page, highlighted) {
    var best = null, present = new Set();
    // Each section's words, folded and stemmed, with their place in the text: computed once
    // per page (the same pages come back at every keystroke).
    page.words = page.words || page.s.map(function (section) {
      var folded = N.foldWithPositions(section[2]);
      return N.foldedWords(folded.text).map(function (w) {
        return { word: w.word, term: N.stem(w.word), start: folded.offsets[w.start], end: folded.offsets[w.end] };
      });
    });
    page.s.forEach(function (section, number) {
      var text = section[2];
      if (!text) return;
      var terms = new Set();
      var hits = page.words[number].filter(function (w) {
        var hit = highlighted.has(w.term) ? w.term : highlighted.has(w.word) ? w.word : null;
        if (hit !== null) { present.add(hit); terms.add(hit); }
        return hit !== null;
      }).map(function (w) { return [w.start, w.end]; });
      var distinct = terms.size;
      var value = distinct * 1000 + hits.length;
      if (best === null || value > best.value) best = { value: value, number: number, text: text, hits: hits };
    });
    if (best === null) return { pieces: [], anchor: "", present: present };
    var text = best.text, hits = best.hits;
    var start = hits.length ? Math.max(0, hits[0][0] - 60) : 0;
    if (start > 0) {
      var space = text.indexOf(" ", start);
      start = space === -1 || space > hits[0][0] ? start : space + 1;
    }
    var end = Math.min(text.length, start + EXCERPT);
    if (end < text.length) {
      var last = text.lastIndexOf(" ", end);
      if (last > start + EXCERPT / 2) end = last;
    }
    var pieces = [], at = start;
    if (start > 0) pieces.push({ text: "… ", marked: false });
    hits.forEach(function (hit) {
      if (hit[0] < at || hit[1] > end) return;
      if (hit[0] > at) pieces.push({ text: text.slice(at, hit[0]), marked: false });
      pieces.push({ text: text.slice(hit[0], hit[1]), marked: true });
      at = hit[1];
    });
    if (at < end) pieces.push({ text: text.slice(at, end), marked: false });
    if (end < text.length) pieces.push({ text: " …", marked: false });
    return { pieces: pieces, anchor: best.number > 0 ? page.s[best.number][0] : "", present: present };
  }

  function link(page, anchor, highlighted) {
    var parts = page.u.split("#");
    var url = new URL(parts[0], LS.root);
    if (highlighted.length) url.searchParams.set("h", highlighted.join(" "));
    url.hash = anchor || parts[1] || "";
    return url.href;
  }

  // Results of a query: {total, complete, results: [{url, title, kind, section, excerpt}]}.
  LS.search = function (query, limit) {
    return loadSummary().then(function (index) {
      var analysed = analyse(index, query);
      var tokens = analysed.tokens;
      if (tokens.length === 0) return { total: 0, complete: true, results: [] };
      var expansions = tokens.map(function (token) { return candidates(index, token); });
      var names = new Set();
      expansions.forEach(function (found) {
        found.forEach(function (factor, term) {
          var key = chunkOf(index, term);
          if (key !== null) names.add(key);
        });
      });
      var keys = Array.from(names);
      return Promise.all(keys.map(function (key) { return load("termes/" + key); })).then(function (loaded) {
        var chunks = {};
        keys.forEach(function (key, i) { chunks[key] = loaded[i]; });
        var ranking = rank(index, tokens, chunks, expansions);
        var top = ranking.ranked.slice(0, limit);
        return Promise.all(top.map(function (entry) { return load("pages/" + entry[0]); })).then(function (pages) {
          // Words to mark: the matched terms, and the long forms of acronyms.
          var highlighted = new Set();
          expansions.forEach(function (found) { found.forEach(function (f, term) { highlighted.add(term); }); });
          tokens.forEach(function (token) { (token.form || []).forEach(function (t) { highlighted.add(t); }); });
          var results = pages.map(function (page, i) {
            return { page: page, score: top[i][1] * titleBonus(page.t, analysed.words), order: i };
          });
          results.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
          return {
            total: ranking.ranked.length,
            complete: ranking.complete,
            results: results.map(function (result) {
              var page = result.page;
              var found = excerpt(page, highlighted);
              return {
                url: link(page, found.anchor, Array.from(found.present)), title: page.t, kind: page.k, section: page.p,
                excerpt: found.pieces
              };
            })
          };
        });
      });
    });
  };
})();
