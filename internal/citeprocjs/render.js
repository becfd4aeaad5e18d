// Runs citeproc-js on a request read from stdin (JSON) and writes the result (JSON) to stdout.
// Request: {style, lang, locales: {tag: xml}, items: [...], format: "html"|"text", separately: bool,
//           bibliography: bool, clusters: [[{id, locator, label, prefix, suffix}]], repeat: n}
// Result: {bibliography: [...], clusters: [...], error, ns: nanoseconds of the last repetition's formatting}
"use strict";
const CSL = require("citeproc");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (c) => { input += c; });
process.stdin.on("end", () => {
  const req = JSON.parse(input);
  const out = {};
  try {
    const byId = {};
    for (const it of req.items) byId[String(it.id)] = it;
    const sys = {
      retrieveItem: (id) => byId[String(id)],
      retrieveLocale: (lang) => {
        if (req.locales[lang]) return req.locales[lang];
        const base = lang.split("-")[0];
        for (const k of Object.keys(req.locales)) {
          if (k.split("-")[0] === base) return req.locales[k];
        }
        return req.locales["en-US"];
      },
    };
    const ids = req.items.map((it) => String(it.id));
    const repeat = req.repeat || 1;
    let ns = 0;
    for (let r = 0; r < repeat; r++) {
      const start = process.hrtime.bigint();
      const engine = new CSL.Engine(sys, req.style, req.lang || undefined, !!req.lang);
      engine.setOutputFormat(req.format || "html");
      if (req.separately) {
        // Each item on its own: its bibliography entry and its citation, as (record, style) pairs.
        out.each = ids.map((id) => {
          try {
          engine.updateItems([id]);
          let bib = "";
          if (req.bibliography) {
            const b = engine.makeBibliography();
            bib = b && b[1].length ? b[1][0].replace(/^\s*<div class="csl-entry">/, "").replace(/<\/div>\s*$/, "").trim() : "";
          }
          return {id: id, bibliography: bib, citation: engine.makeCitationCluster([{id: id}])};
          } catch (e) {
            return {id: id, error: String(e)};
          }
        });
        ns = Number(process.hrtime.bigint() - start);
        continue;
      }
      engine.updateItems(ids);
      if (req.bibliography) {
        const bib = engine.makeBibliography();
        out.bibliography = bib ? bib[1].map((s) => s.replace(/^\s*<div class="csl-entry">/, "").replace(/<\/div>\s*$/, "").trim()) : [];
      }
      if (req.clusters) {
        out.clusters = req.clusters.map((cl) => engine.makeCitationCluster(cl));
      }
      ns = Number(process.hrtime.bigint() - start);
    }
    out.ns = ns;
  } catch (e) {
    out.error = String(e && e.stack || e);
  }
  process.stdout.write(JSON.stringify(out));
});
