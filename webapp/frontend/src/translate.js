// Translate mode: the source on one side, the translation on the other. Beside them, every
// glossary name of the source with its rendering in the target language and house style
// (click to insert), marked when the translation leaves it out; the translation's own findings
// are underlined as in the workbench, and numbers that differ are listed.
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
  for (const f of data.findings) items.push(element("li", { class: "finding " + f.severity }, element("span", { class: "found" }, f.found), " → ", f.suggestion ?? "—"));
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
  const offsets = utf16Offsets(text, data.findings.flatMap((f) => [f.start, f.end]));
  return data.findings.map((f) => ({
    from: offsets.get(f.start), to: offsets.get(f.end), severity: f.severity, source: f.rule, message: f.message,
    actions: f.suggestion === null ? [] : [{ name: T.accept, apply: (v, from, to) => v.dispatch({ changes: { from, to, insert: f.suggestion } }) }],
  }));
}

const sourceView = editor(sourceHost, [EditorView.updateListener.of((u) => { if (u.docChanged) { api.cancel(); forceLinting(target); } })]);
target = editor(targetHost, [linter(check, { delay: 150 }),
  EditorView.updateListener.of((u) => { if (u.docChanged) api.cancel(); })]);
for (const id of ["source-lang", "target-lang", "style"]) select(id).addEventListener("change", () => forceLinting(target));
window.tilmashEditors = { source: sourceView, target };
