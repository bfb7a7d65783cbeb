// Builds a MiniSearch index (tools/node_modules/minisearch) for the comparison of search
// engines (bench/comparaison_recherche.py): documents as JSON in, the serialised index out.
// Words go through the site's own normalisation (rules and code run here unchanged).
"use strict";
const fs = require("fs");
const vm = require("vm");
const path = require("path");
const MiniSearch = require(path.join(__dirname, "../tools/node_modules/minisearch/dist/cjs/index.cjs"));
const [rulesFile, codeFile, docsFile, outFile] = process.argv.slice(2);
const context = { window: {} };
context.window.window = context.window;
vm.createContext(context);
vm.runInContext(fs.readFileSync(rulesFile, "utf8"), context);
vm.runInContext(fs.readFileSync(codeFile, "utf8").replace(/window\./g, "window."), context);
const N = context.window.LaboSearchNormalisation;
const docs = JSON.parse(fs.readFileSync(docsFile, "utf8"));
const mini = new MiniSearch({
  fields: ["t", "x"], storeFields: ["u", "t", "k"],
  tokenize: (text) => N.words(text), processTerm: (word) => N.term(word) || null,
});
mini.addAll(docs);
fs.writeFileSync(outFile, "window.INDEX_MINISEARCH = " + JSON.stringify(JSON.stringify(mini)) + ";\n");
