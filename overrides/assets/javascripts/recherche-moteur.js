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
  var LEAD = 60;             // of which, at most, before its first marked word
  var FEW = 10;              // fewer pages than this hold every word: those holding most follow
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
        acronyms: data.sigles,
        secondary: new Set(data.secondaires || [])
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

  // Rank documents. Those holding every word come first, the pages of secondary kinds (glossary
  // entries, corrections log) after the others unless their title holds every word, then those
  // whose title holds the most words; when fewer than FEW pages hold every word, those holding
  // most of them follow, title matches first. A weight is negative when its term is in the
  // document's title.
  function rank(index, tokens, chunks, expansions) {
    var found = new Map();
    tokens.forEach(function (token, position) {
      var best = new Map(), titled = new Set();
      expansions[position].forEach(function (factor, term) {
        var flat = postings(chunks, index, term);
        if (!flat) return;
        for (var i = 0, doc = 0; i < flat.length; i += 2) {
          doc += flat[i];
          var weight = flat[i + 1];
          if (weight < 0) { titled.add(doc); weight = -weight; }
          var value = factor * weight;
          if (!(best.get(doc) >= value)) best.set(doc, value);
        }
      });
      best.forEach(function (value, doc) {
        var entry = found.get(doc);
        if (!entry) found.set(doc, entry = { doc: doc, score: 0, words: 0, titled: 0, group: 0 });
        entry.score += value;
        entry.words += 1;
        if (titled.has(doc)) entry.titled += 1;
      });
    });
    var every = [], some = [], count = tokens.length;
    found.forEach(function (entry) {
      if (entry.words === count) {
        entry.group = index.secondary.has(entry.doc) && entry.titled < count ? 1 : 0;
        every.push(entry);
      } else {
        entry.group = 2;
        some.push(entry);
      }
    });
    every.sort(function (a, b) { return a.group - b.group || b.titled - a.titled || b.score - a.score || a.doc - b.doc; });
    var full = every.length;
    if (full < FEW) {
      some.sort(function (a, b) {
        return b.words - a.words || b.titled - a.titled || index.secondary.has(a.doc) - index.secondary.has(b.doc) ||
          b.score - a.score || a.doc - b.doc;
      });
      every = every.concat(some);
    }
    return { ranked: every, full: full };
  }

  // Words of a title, with stop words: a title that is the query itself ranks first.
  function titleBonus(title, words) {
    var own = N.words(title);
    if (own.join(" ") === words.join(" ")) return 3;
    return (" " + own.join(" ") + " ").indexOf(" " + words.join(" ") + " ") !== -1 ? 1.5 : 1;
  }

  // The places of a text's words and compounds, as [{word, term, start, end}] in the text.
  function placed(text) {
    var folded = N.foldWithPositions(text);
    function place(w) {
      return { word: w.word, term: N.stem(w.word), start: folded.offsets[w.start], end: folded.offsets[w.end] };
    }
    return { words: N.foldedWords(folded.text).map(place), compounds: N.foldedCompounds(folded.text).map(place) };
  }

  // The window of EXCERPT characters, from LEAD before a hit, with the most of the query's
  // words, then the most exact matches: {value, first} (first: the hit it starts before).
  function bestWindow(hits) {
    var counts = new Map(), weight = 0, j = 0, best = { value: -1, first: 0 };
    for (var i = 0; i < hits.length; i += 1) {
      for (; j < hits.length && (j === i || hits[j][1] <= hits[i][0] + EXCERPT - LEAD); j += 1) {
        counts.set(hits[j][2], (counts.get(hits[j][2]) || 0) + 1);
        weight += hits[j][3];
      }
      var value = counts.size * 1000 + weight * 10;
      if (value > best.value) best = { value: value, first: i };
      weight -= hits[i][3];
      if (counts.get(hits[i][2]) === 1) counts.delete(hits[i][2]); else counts.set(hits[i][2], counts.get(hits[i][2]) - 1);
    }
    return best;
  }

  // The passage of a page with the most of the query's words (then the most exact matches), as
  // [{text, marked}] pieces. `highlighted` maps each term to mark to {position, factor}: the
  // query word it stands for, and how closely (1 exact, less for a prefix or a typo).
  function excerpt(page, highlighted) {
    var best = null, present = new Set();
    // Each section's words, folded and stemmed, with their place in the text: computed once
    // per page (the same pages come back at every keystroke).
    page.words = page.words || page.s.map(function (section) { return placed(section[2]); });
    page.s.forEach(function (section, number) {
      var text = section[2];
      if (!text) return;
      var hits = []; // [start, end, query word, factor]
      function add(w) {
        var key = highlighted.has(w.term) ? w.term : highlighted.has(w.word) ? w.word : null;
        if (key === null) return;
        var found = highlighted.get(key);
        present.add(key);
        hits.push([w.start, w.end, found.position, found.factor]);
      }
      page.words[number].words.forEach(add);
      // A compound found joined (« cluster » for « Clus’Ter ») is marked whole, unless a part is.
      var parts = hits.length;
      page.words[number].compounds.forEach(function (c) {
        for (var i = 0; i < parts; i += 1) if (hits[i][0] >= c.start && hits[i][1] <= c.end) return;
        add(c);
      });
      if (hits.length > parts) hits.sort(function (a, b) { return a[0] - b[0]; });
      var window = bestWindow(hits);
      if (best === null || window.value > best.value) {
        best = { value: window.value, number: number, text: text, hits: hits, first: window.first };
      }
    });
    if (best === null) return { pieces: [], anchor: "", present: present };
    var text = best.text, hits = best.hits, first = hits[best.first];
    var start = first ? Math.max(0, first[0] - LEAD) : 0;
    if (start > 0) {
      var space = text.indexOf(" ", start);
      start = space === -1 || space > first[0] ? start : space + 1;
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

  // Results of a query: {total, full, results: [{url, title, kind, section, partial, excerpt}]}:
  // `full` of the `total` pages hold every word.
  LS.search = function (query, limit) {
    return loadSummary().then(function (index) {
      var analysed = analyse(index, query);
      var tokens = analysed.tokens;
      if (tokens.length === 0) return { total: 0, full: 0, results: [] };
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
        return Promise.all(top.map(function (entry) { return load("pages/" + entry.doc); })).then(function (pages) {
          // Words to mark: the matched terms, and the long forms of acronyms, each with its query word.
          var highlighted = new Map();
          function mark(term, position, factor) {
            if (!(highlighted.has(term) && highlighted.get(term).factor >= factor)) highlighted.set(term, { position: position, factor: factor });
          }
          expansions.forEach(function (found, position) { found.forEach(function (factor, term) { mark(term, position, factor); }); });
          tokens.forEach(function (token, position) { (token.form || []).forEach(function (t) { mark(t, position, 1); }); });
          // Among pages whose titles hold as many words, one whose title is the query moves up
          // (pages holding only some of the words keep their order).
          var results = pages.map(function (page, i) {
            var entry = top[i], bonus = entry.group < 2 ? titleBonus(page.t, analysed.words) : 1;
            return { page: page, group: entry.group, titled: entry.group < 2 ? entry.titled : 0, score: entry.score * bonus, order: i };
          });
          results.sort(function (a, b) {
            return a.group - b.group || b.titled - a.titled || (a.group < 2 ? b.score - a.score : 0) || a.order - b.order;
          });
          return {
            total: ranking.ranked.length,
            full: ranking.full,
            results: results.map(function (result) {
              var page = result.page;
              var found = excerpt(page, highlighted);
              return {
                url: link(page, found.anchor, Array.from(found.present)), title: page.t, kind: page.k, section: page.p,
                partial: result.group === 2, excerpt: found.pieces
              };
            })
          };
        });
      });
    });
  };
})();
