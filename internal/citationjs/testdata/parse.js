// Parses BibTeX and RIS documents with citation-js, a reference parser, and writes the CSL-JSON it reads from each.
// Request (stdin, JSON): {"docs": [{"format": "bibtex" | "ris", "text": "..."}]}
// Result (stdout, JSON): {"results": [{"items": [CSL-JSON...], "errors": ["..."]}]}; "errors" holds what the parser
// threw or logged (a parse that logs an error is a failure for the tests).
"use strict";
const { plugins } = require("@citation-js/core");
require("@citation-js/plugin-bibtex");
require("@citation-js/plugin-ris");

const forceType = { bibtex: "@biblatex/text", ris: "@ris/file" };

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (c) => { input += c; });
process.stdin.on("end", () => {
  const req = JSON.parse(input);
  const results = [];
  for (const doc of req.docs) {
    const errors = [];
    const logged = (...args) => errors.push(args.map(String).join(" "));
    const saved = [console.error, console.warn];
    console.error = logged;
    console.warn = logged;
    let items = [];
    try {
      items = plugins.input.chain(doc.text, { forceType: forceType[doc.format], generateGraph: false });
    } catch (e) {
      errors.push(String(e && e.stack || e));
    } finally {
      [console.error, console.warn] = saved;
    }
    results.push({ items, errors });
  }
  process.stdout.write(JSON.stringify({ results }));
});
