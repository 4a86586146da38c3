// Translate mode: the source on one side, the translation on the other. Beside them, every
// glossary name of the source with its rendering in the target language and house style
// (click to insert), marked when the translation leaves it out; the translation's own findings
// are underlined as in the workbench, and numbers that differ are listed. The memory's matches for the
// source sentence at the cursor: score, the words that differ marked, the repaired target (click to insert).
import { EditorView, minimalSetup } from "codemirror";
import { EditorState } from "@codemirror/state";
import { keymap, placeholder } from "@codemirror/view";
import { linter, forceLinting, lintKeymap } from "@codemirror/lint";
import { LatestRequest, editorTheme, element, format, isAbort, strings, utf16Offsets } from "./common.js";

const T = strings();
const select = (id) => document.getElementById(id);
const targetHost = select("target-editor");
const sourceHost = select("source-editor");
const api = new LatestRequest(targetHost.dataset.api, targetHost.dataset.csrf);
const memoryHost = select("memory");
let memoryController = null, memoryTimer = null, memoryQuery = null;
const status = select("status");
let target;

function editor(host, extensions) {
  return new EditorView({
    parent: host,
    state: EditorState.create({
      doc: "",
      extensions: [EditorView.cspNonce.of(targetHost.dataset.nonce), editorTheme, minimalSetup, EditorView.lineWrapping, keymap.of(lintKeymap),
        placeholder(host.dataset.label), EditorView.contentAttributes.of({ "aria-label": host.dataset.label }), ...extensions],
    }),
  });
}

function insert(text) {
  const { from, to } = target.state.selection.main;
  target.dispatch({ changes: { from, to, insert: text }, selection: { anchor: from + text.length }, userEvent: "input.insert" });
  target.focus();
}

function showNames(names) {
  const seen = new Set();
  const items = [];
  for (const name of names) {
    if (seen.has(name.concept)) continue;
    seen.add(name.concept);
    items.push(element("li", { class: name.present ? "present" : "missing", "data-concept": name.concept },
      element("span", { class: "found" }, name.found), " → ",
      name.rendering === null ? "—" : element("button", { type: "button", class: "rendering", title: T.insert, onclick: () => insert(name.rendering) }, name.rendering),
      " ", element("span", { class: "presence" }, name.present ? T.present : T.missing)));
  }
  select("names").replaceChildren(...(items.length ? items : [element("li", {}, T.no_names)]));
}

function showChecks(data) {
  const items = [];
  if (data.missing_numbers.length) items.push(element("li", { class: "numbers" }, format(T.numbers_missing, { numbers: data.missing_numbers.join(", ") })));
  if (data.extra_numbers.length) items.push(element("li", { class: "numbers" }, format(T.numbers_extra, { numbers: data.extra_numbers.join(", ") })));
  for (const f of data.findings) {
    if (f.rule === "term.mismatch" || (f.rule === "qa.numbers" && f.suggestion === null)) continue;  // the lists above say it
    items.push(element("li", { class: "finding " + f.severity }, element("span", { class: "found" }, f.found), " → ", f.suggestion ?? "—"));
  }
  select("checks").replaceChildren(...items);
}

async function check(view) {
  const source = sourceView.state.doc.toString();
  const text = view.state.doc.toString();
  if (!source.trim() && !text.trim()) { showNames([]); select("checks").replaceChildren(); return []; }
  status.textContent = T.checking;
  let data;
  try {
    data = await api.post({ source, target: text, source_lang: select("source-lang").value, target_lang: select("target-lang").value,
      style: select("style").value || null });
  } catch (error) {
    if (!isAbort(error)) status.textContent = format(T.failed, { reason: error.message });
    return [];
  }
  if (view.state.doc.toString() !== text || sourceView.state.doc.toString() !== source) return [];
  status.textContent = "";
  showNames(data.names);
  showChecks(data);
  // a finding about the whole translation (a name or number it leaves out) is listed beside it, not underlined
  const length = [...text].length;
  const marked = data.findings.filter((f) => !(f.start === 0 && f.end === length && (f.rule === "term.mismatch" || f.rule.startsWith("qa."))));
  const offsets = utf16Offsets(text, marked.flatMap((f) => [f.start, f.end]));
  return marked.map((f) => ({
    from: offsets.get(f.start), to: offsets.get(f.end), severity: f.severity, source: f.rule, message: f.why ?? f.message,
    actions: f.suggestion === null ? [] : [{ name: T.accept, apply: (v, from, to) => v.dispatch({ changes: { from, to, insert: f.suggestion } }) }],
  }));
}

// The sentence of the source at its cursor (Intl.Segmenter knows the four languages' sentence ends).
function sentenceAtCursor() {
  const text = sourceView.state.doc.toString();
  const cursor = sourceView.state.selection.main.head;
  const lang = select("source-lang").value;
  const segmenter = new Intl.Segmenter(lang === "auto" ? undefined : lang, { granularity: "sentence" });
  for (const { segment, index } of segmenter.segment(text)) {
    if (cursor >= index && cursor <= index + segment.length) return segment.trim();
  }
  return "";
}

// The stored source with the words the sentence does not have marked (the diff's source offsets are code points).
function markedSource(match) {
  const spans = match.diff.filter((d) => ["replace", "missing"].includes(d.kind) && d.source_end > d.source_start);
  const offsets = utf16Offsets(match.source, spans.flatMap((d) => [d.source_start, d.source_end]));
  const parts = [];
  let at = 0;
  for (const d of spans.sort((a, b) => a.source_start - b.source_start)) {
    const from = offsets.get(d.source_start), to = offsets.get(d.source_end);
    if (from < at) continue;
    parts.push(match.source.slice(at, from), element("mark", { title: d.query ? format(T.memory_instead, { words: d.query }) : T.memory_not_in_sentence }, match.source.slice(from, to)));
    at = to;
  }
  parts.push(match.source.slice(at));
  return parts;
}

function showMatches(matches) {
  if (!matches.length) { memoryHost.replaceChildren(element("li", {}, T.memory_none)); return; }
  memoryHost.replaceChildren(...matches.map((m) => {
    const translation = m.repaired_target ?? m.target;
    return element("li", { class: "match", "data-id": m.id },
      element("span", { class: "score", title: T.memory_score }, format(T.memory_score_value, { score: m.score })), " ",
      element("span", { class: "stored-source", lang: m.source_lang }, ...markedSource(m)),
      element("button", { type: "button", class: "use-match", lang: m.target_lang, title: T.memory_insert, onclick: () => insert(translation) }, translation),
      m.repaired_target === null ? null : element("span", { class: "repaired" }, format(T.memory_repaired, { target: m.target })));
  }));
}

async function searchMemory() {
  const q = sentenceAtCursor();
  const key = [q, select("source-lang").value, select("target-lang").value, select("style").value].join("\u0000");
  if (key === memoryQuery) return;
  memoryQuery = key;
  if (memoryController) memoryController.abort();
  if (!q) { memoryHost.replaceChildren(); return; }
  const params = new URLSearchParams({ q, target: select("target-lang").value });
  if (select("source-lang").value !== "auto") params.set("source", select("source-lang").value);
  if (select("style").value) params.set("style", select("style").value);
  const controller = (memoryController = new AbortController());
  try {
    const response = await fetch(memoryHost.dataset.api + "?" + params, { signal: controller.signal, credentials: "same-origin" });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error((data.error && data.error.message) || response.statusText);
    showMatches(data.matches);
  } catch (error) {
    if (!isAbort(error)) { memoryQuery = null; memoryHost.replaceChildren(element("li", {}, format(T.failed, { reason: error.message }))); }
  }
}

function memorySoon() {
  clearTimeout(memoryTimer);
  memoryTimer = setTimeout(searchMemory, 250);
}

const sourceView = editor(sourceHost, [EditorView.updateListener.of((u) => {
  if (u.docChanged) { api.cancel(); forceLinting(target); }
  if (u.docChanged || u.selectionSet) memorySoon();
})]);
target = editor(targetHost, [linter(check, { delay: 150 }),
  EditorView.updateListener.of((u) => { if (u.docChanged) api.cancel(); })]);
for (const id of ["source-lang", "target-lang", "style"]) select(id).addEventListener("change", () => { forceLinting(target); memorySoon(); });
window.tilmashEditors = { source: sourceView, target };
