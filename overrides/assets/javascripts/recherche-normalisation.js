/* French normalisation of words, in the browser: the same rules as the index.
 *
 * The rules are data (macros/search/regles.json, given to the page as
 * assets/javascripts/recherche-regles.js); macros/search/normalisation.py applies them to
 * the index, this file to what the reader types. Both run the same test vectors
 * (tests/recherche-vecteurs.json). The catalogue filter uses fold() too. Names are those of
 * normalisation.py: fold, words, compounds, stem, term, terms.
 */
(function () {
  "use strict";

  var rules = window.LaboSearchRules;
  var replacements = rules.plier.remplacements;
  var apostrophes = rules.plier.apostrophes;
  var elisions = new Set(rules.mots.elisions);
  var stopWords = new Set(rules.mots.vides);
  var stemRules = rules.racine;
  var MARKS = /[\u0300-\u036f]/g;
  // Words joined by an inner apostrophe or hyphen (« clus'ter », « tiers-lieu »), as runs of words.
  var joints = rules.composes.liants.replace(/[\]\\^-]/g, "\\$&");
  var RUN = new RegExp("[a-z0-9]+(?:[" + joints + "][a-z0-9]+)+", "g");
  var PIECE = new RegExp("([a-z0-9]+)([" + joints + "])?", "g");

  var folds = new Map();
  // ASCII characters that a rule changes (apostrophes, any replacement): never on the fast path.
  var asciiRuled = [];
  Array.from(apostrophes + Object.keys(replacements).join("")).forEach(function (c) {
    if (c.charCodeAt(0) < 0x80) asciiRuled[c.charCodeAt(0)] = true;
  });

  // One character folded: lower case, no accent, ligature spelt out, one apostrophe.
  // Remembered: excerpts fold whole pages, character by character.
  function foldChar(character) {
    var known = folds.get(character);
    if (known !== undefined) return known;
    var folded = character.toLowerCase().normalize("NFD").replace(MARKS, "");
    var out = "";
    for (var piece of folded) {
      out += apostrophes.indexOf(piece) !== -1 ? "'"
        : Object.prototype.hasOwnProperty.call(replacements, piece) ? replacements[piece] : piece;
    }
    folds.set(character, out);
    return out;
  }

  // « L’Écopôle » → « l'ecopole ».
  function fold(text) {
    var out = "";
    for (var character of String(text)) out += foldChar(character);
    return out;
  }

  // The folded text and, for each of its characters, the offset of its source character:
  // the excerpts and the highlighting mark the reader's own text.
  // Plain ASCII, most of any page, is only lowered: a fast path for whole pages of excerpts.
  function foldWithPositions(text) {
    text = String(text);
    var pieces = [], offsets = [], offset = 0, length = text.length;
    while (offset < length) {
      var code = text.charCodeAt(offset);
      if (code < 0x80 && !asciiRuled[code]) {
        pieces.push(code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : text[offset]);
        offsets.push(offset);
        offset += 1;
        continue;
      }
      var character = String.fromCodePoint(text.codePointAt(offset));
      var piece = foldChar(character);
      for (var i = 0; i < piece.length; i += 1) offsets.push(offset);
      pieces.push(piece);
      offset += character.length;
    }
    offsets.push(offset);
    return { text: pieces.join(""), offsets: offsets };
  }

  // Words of a folded text, with where they start and end: [{word, start, end}].
  function foldedWords(folded) {
    var found = [], pattern = /([a-z0-9]+)(')?/g, match;
    while ((match = pattern.exec(folded)) !== null) {
      var word = match[1];
      if (match[2] && elisions.has(word)) continue;
      if (word.length < 2 && !/^[0-9]$/.test(word)) continue;
      found.push({ word: word, start: match.index, end: match.index + word.length });
    }
    return found;
  }

  // The words of a text, folded, elided articles and single letters left out.
  function words(text) {
    return foldedWords(fold(text)).map(function (w) { return w.word; });
  }

  // Compounds of a folded text, joined, with where they start and end: [{word, start, end}].
  // An elided article cuts a compound and is left out; so does a word with a digit.
  function foldedCompounds(folded) {
    var found = [], run;
    RUN.lastIndex = 0;
    while ((run = RUN.exec(folded)) !== null) {
      var pieces = [], start = 0, end = 0, piece;
      var flush = function () {
        if (pieces.length > 1) found.push({ word: pieces.join(""), start: start, end: end });
        pieces = [];
      };
      PIECE.lastIndex = 0;
      while ((piece = PIECE.exec(run[0])) !== null) {
        if ((piece[2] === "'" && elisions.has(piece[1])) || !/^[a-z]+$/.test(piece[1])) {
          flush();
          continue;
        }
        if (!pieces.length) start = run.index + piece.index;
        end = run.index + piece.index + piece[1].length;
        pieces.push(piece[1]);
      }
      flush();
    }
    return found;
  }

  // « Clus’Ter, l’éco-lieu » → ["cluster", "ecolieu"].
  function compounds(text) {
    return foldedCompounds(fold(text)).map(function (c) { return c.word; });
  }

  function apply(word, list) {
    for (var i = 0; i < list.length; i += 1) {
      var rule = list[i], suffix = rule.suffixe;
      if (word.length >= rule.min && word.slice(-suffix.length) === suffix) {
        var before = word.charAt(word.length - suffix.length - 1);
        if (before && (rule.sauf_apres || "").indexOf(before) !== -1) continue;
        return word.slice(0, word.length - suffix.length) + rule.par;
      }
    }
    return null;
  }

  // The stem of a folded word: number, gender and the plural of verbs removed
  // (cooperatives → cooperatif, partagee and partagent → partag).
  function stem(word) {
    if (Object.prototype.hasOwnProperty.call(stemRules.exceptions, word)) return stemRules.exceptions[word];
    if (/^[0-9]+$/.test(word)) return word;
    word = apply(word, stemRules.pluriel) || word;
    var gendered = apply(word, stemRules.genre);
    if (gendered !== null) return gendered;
    while (word.slice(-1) === "e" && word.length >= stemRules.e_final_min) word = word.slice(0, -1);
    return apply(word, stemRules.verbe) || word;
  }

  // A folded word left out of the index (Python: STOP_WORDS).
  function isStopWord(word) {
    return stopWords.has(word);
  }

  // The index term of a folded word, or null for a stop word.
  function term(word) {
    return isStopWord(word) ? null : stem(word);
  }

  // The index terms of a text, in order.
  function terms(text) {
    return words(text).map(term).filter(function (t) { return t !== null; });
  }

  window.LaboSearchNormalisation = {
    fold: fold, foldWithPositions: foldWithPositions, foldedWords: foldedWords, words: words,
    foldedCompounds: foldedCompounds, compounds: compounds,
    stem: stem, isStopWord: isStopWord, term: term, terms: terms
  };
})();
