// Render a .crit file highlighted with the extension's TextMate grammar as an HTML page, the
// way VS Code's Dark+ theme colours it (vscode-textmate + vscode-oniguruma, VS Code's own
// tokenizer). docs/tools/screenshots.py photographs the page for docs/editor.md.
//
//   node scripts/highlight.mjs INPUT.crit OUTPUT.html [FIRST-LAST]   (lines, 1-based)

import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import oniguruma from "vscode-oniguruma";
import textmate from "vscode-textmate";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const GRAMMAR = join(here, "..", "syntaxes", "crit.tmLanguage.json");

// Scope prefixes and their Dark+ colours; the longest matching prefix of the innermost
// scope that has one wins.
const THEME = [
  ["comment", "#6A9955"],
  ["constant.other.diagnostic-code", "#4FC1FF"],
  ["keyword.other.directive", "#C586C0"],
  ["string", "#CE9178"],
  ["constant.character.escape", "#D7BA7D"],
  ["constant.numeric", "#B5CEA8"],
  ["constant.language", "#569CD6"],
  ["keyword.control", "#C586C0"],
  ["keyword.operator", "#D4D4D4"],
  ["keyword", "#569CD6"],
  ["storage.type", "#4EC9B0"],
  ["storage.modifier", "#569CD6"],
  ["entity.name.type", "#4EC9B0"],
  ["entity.name", "#DCDCAA"],
  ["support.function", "#DCDCAA"],
  ["variable", "#9CDCFE"],
];

function colour(scopes) {
  for (const scope of [...scopes].reverse()) {
    const found = THEME.filter(([prefix]) => scope === prefix || scope.startsWith(prefix + "."))
      .sort((a, b) => b[0].length - a[0].length)[0];
    if (found) return found[1];
  }
  return "#D4D4D4";
}

const escape = (text) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

async function loadGrammar() {
  const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async () => textmate.parseRawGrammar(readFileSync(GRAMMAR, "utf-8"), GRAMMAR),
  });
  return registry.loadGrammar("source.crit");
}

function render(grammar, lines, first) {
  let stack = textmate.INITIAL;
  const out = [];
  lines.forEach((line, index) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    if (index + 1 < first) return;
    const spans = result.tokens.map((token) => {
      const text = line.slice(token.startIndex, token.endIndex);
      return `<span style="color:${colour(token.scopes)}">${escape(text)}</span>`;
    });
    out.push(`<span class="n">${index + 1}</span>${spans.join("")}`);
  });
  return out.join("\n");
}

async function main() {
  const [input, output, range] = process.argv.slice(2);
  if (!input || !output) {
    console.error("usage: node scripts/highlight.mjs INPUT.crit OUTPUT.html [FIRST-LAST]");
    process.exit(2);
  }
  const all = readFileSync(input, "utf-8").replace(/\r\n?/g, "\n").split("\n");
  const [first, last] = range ? range.split("-").map(Number) : [1, all.length];
  const grammar = await loadGrammar();
  const body = render(grammar, all.slice(0, last), first);
  writeFileSync(output, `<!doctype html>
<meta charset="utf-8">
<title>${escape(input)}</title>
<style>
  body { margin: 0; background: #1E1E1E; }
  .tab { background: #252526; color: #FFFFFF; font: 13px sans-serif; padding: 8px 16px; }
  pre { margin: 0; padding: 12px 16px; color: #D4D4D4;
        font: 14px/1.5 "DejaVu Sans Mono", Menlo, Consolas, monospace; }
  .n { display: inline-block; width: 3em; margin-right: 1.5em; text-align: right;
       color: #858585; }
</style>
<div class="tab">${escape(input.split("/").pop())}</div>
<pre>${body}</pre>
`);
}

main();
