// The workbench: a CodeMirror 6 editor whose lint source is POST /api/lint. Every finding is
// underlined at its exact span, listed beside the draft, and explained in a card (on hover, and
// when the cursor is on it): suggestion, why, the other languages, note, source; accept,
// accept all certain, ignore, undo, next/previous, copy, download.
import { EditorView, minimalSetup } from "codemirror";
import { EditorState, Prec, StateEffect, StateField } from "@codemirror/state";
import { keymap, showTooltip, placeholder } from "@codemirror/view";
import { undo } from "@codemirror/commands";
import { linter, forceLinting, lintKeymap, nextDiagnostic, previousDiagnostic } from "@codemirror/lint";
import { LatestRequest, editorTheme, element, format, isAbort, strings, utf16Offsets } from "./common.js";

const T = strings();
const host = document.getElementById("editor");
const api = new LatestRequest(host.dataset.api, host.dataset.csrf);
const select = (id) => document.getElementById(id);
const status = select("status");
const list = select("findings");

// Findings the writer chose to ignore: their ranges, mapped through later edits.
const ignoreEffect = StateEffect.define();
const ignored = StateField.define({
  create: () => [],
  update(ranges, tr) {
    let next = tr.docChanged ? ranges.map((r) => ({ ...r, from: tr.changes.mapPos(r.from, 1), to: tr.changes.mapPos(r.to, -1) })) : ranges;
    for (const effect of tr.effects) if (effect.is(ignoreEffect)) next = [...next, effect.value];
    return next.filter((r) => r.from < r.to);
  },
});

// The last findings as diagnostics (with UTF-16 offsets), for the list and the cursor's card.
const findingsEffect = StateEffect.define();
const findings = StateField.define({
  create: () => [],
  update(value, tr) {
    for (const effect of tr.effects) if (effect.is(findingsEffect)) return effect.value;
    return tr.docChanged ? value.map((d) => ({ ...d, from: tr.changes.mapPos(d.from, 1), to: tr.changes.mapPos(d.to, -1) })) : value;
  },
});

let concepts = {};

function card(d) {
  const f = d.finding;
  const info = f.concept ? concepts[f.concept] : null;
  const body = element("div", { class: "card", role: "note" });
  body.append(element("p", { class: "card-change" },
    element("span", { class: "found" }, f.found), " → ", element("strong", { class: "suggestion" }, f.suggestion ?? "—")));
  body.append(element("p", { class: "card-why" }, element("span", { class: "label" }, T.why + ": "), f.why ?? f.message));
  if (info) {
    const others = Object.entries(info.forms).filter(([lang]) => lang !== f.lang);
    if (others.length) {
      const dl = element("dl", { class: "card-forms", "aria-label": T.other_languages });
      for (const [lang, text] of others) dl.append(element("dt", {}, lang), element("dd", { lang }, text));
      body.append(element("p", { class: "label" }, T.other_languages), dl);
    }
    const note = info.notes[f.lang] || info.note;
    const source = info.sources[f.lang];
    if (note) body.append(element("p", { class: "card-note" }, element("span", { class: "label" }, T.note + ": "), note));
    if (source) body.append(element("p", { class: "card-source" }, element("span", { class: "label" }, T.source + ": "), source));
  }
  return body;
}

function accept(view, d) {
  if (d.finding.suggestion === null) return;
  view.dispatch({ changes: { from: d.from, to: d.to, insert: d.finding.suggestion }, userEvent: "input.accept" });
}

function ignore(view, d) {
  view.dispatch({ effects: ignoreEffect.of({ from: d.from, to: d.to }) });
  forceLinting(view);
}

function actions(d) {
  const result = [];
  if (d.finding.suggestion !== null) result.push({ name: T.accept, apply: (view) => accept(view, d) });
  result.push({ name: T.ignore, apply: (view) => ignore(view, d) });
  return result;
}

async function lintSource(view) {
  const text = view.state.doc.toString();
  status.textContent = T.checking;
  let data;
  try {
    data = await api.post({
      text, lang: select("lang").value, style: select("style").value || null, format: select("format").value, concepts: true,
    });
  } catch (error) {
    if (!isAbort(error)) status.textContent = format(T.failed, { reason: error.message });
    return [];
  }
  if (view.state.doc.toString() !== text) return [];  // typed meanwhile: the next run answers
  concepts = Object.assign(concepts, data.concepts || {});
  const offsets = utf16Offsets(text, data.findings.flatMap((f) => [f.start, f.end]));
  const skip = view.state.field(ignored);
  const diagnostics = data.findings
    .map((f) => ({ from: offsets.get(f.start), to: offsets.get(f.end), finding: f }))
    .filter((d) => !skip.some((r) => r.from === d.from && r.to === d.to))
    .map((d) => ({
      ...d, severity: d.finding.severity, source: d.finding.rule, message: d.finding.why ?? d.finding.message,
      renderMessage: () => card(d), actions: actions(d), markClass: "finding-" + d.finding.severity,
    }));
  view.dispatch({ effects: findingsEffect.of(diagnostics) });
  showList(view, diagnostics);
  status.textContent = diagnostics.length ? format(T.findings_count, { count: diagnostics.length }) : T.no_findings;
  return diagnostics;
}

function showList(view, diagnostics) {
  list.replaceChildren(...diagnostics.map((d) => element("li", { class: "finding " + d.finding.severity },
    element("a", {
      href: "#", "data-from": d.from,
      onclick: (event) => {
        event.preventDefault();
        const current = view.state.field(findings).find((x) => x.finding === d.finding) || d;
        view.dispatch({ selection: { anchor: current.from, head: current.to }, scrollIntoView: true });
        view.focus();
      },
    }, element("span", { class: "found" }, d.finding.found), " → ", element("span", { class: "suggestion" }, d.finding.suggestion ?? "—")),
    element("span", { class: "rule" }, " " + (T["severity_" + d.finding.severity] || d.finding.severity)))));
}

// The card of the finding under the cursor: keyboard users get what the mouse's hover shows.
const cursorCard = StateField.define({
  create: () => null,
  update(_value, tr) {
    const { head, empty } = tr.state.selection.main;
    const at = tr.state.field(findings).find((d) => d.from <= head && head <= d.to && (empty || tr.state.selection.main.from === d.from));
    if (!at || !tr.state.field(focusState)) return null;
    return {
      pos: at.from, above: false, strictSide: false,
      create: (view) => {
        const dom = element("div", { class: "cursor-card" }, card(at));
        const buttons = element("div", { class: "card-actions" });
        for (const action of actions(at)) {
          buttons.append(element("button", { type: "button", onmousedown: (e) => { e.preventDefault(); action.apply(view); } }, action.name));
        }
        dom.append(buttons);
        return { dom };
      },
    };
  },
  provide: (field) => showTooltip.from(field),
});
const focusEffect = StateEffect.define();
const focusState = StateField.define({
  create: () => false,
  update(value, tr) {
    for (const effect of tr.effects) if (effect.is(focusEffect)) return effect.value;
    return value;
  },
});

const view = new EditorView({
  parent: host,
  state: EditorState.create({
    doc: "",
    extensions: [
      EditorView.cspNonce.of(host.dataset.nonce), editorTheme, minimalSetup, EditorView.lineWrapping,  // minimalSetup: history, undo keys
      Prec.high(keymap.of([{ key: "Mod-Enter", run: acceptAtCursor }, { key: "Shift-F8", run: previousDiagnostic }, ...lintKeymap])),
      placeholder(host.dataset.label), ignored, findings, focusState, cursorCard,
      linter(lintSource, { delay: 150 }),
      EditorView.updateListener.of((update) => { if (update.docChanged) api.cancel(); }),
      EditorView.focusChangeEffect.of((_state, focusing) => focusEffect.of(focusing)),
      EditorView.contentAttributes.of({ "aria-label": host.dataset.label }),
    ],
  }),
});

function acceptAtCursor(v) {
  const head = v.state.selection.main.head;
  const at = v.state.field(findings).find((d) => d.from <= head && head <= d.to);
  if (!at) return false;
  accept(v, at);
  return true;
}

select("accept-all").addEventListener("click", () => {
  const certain = view.state.field(findings).filter((d) => d.finding.fixable && d.finding.suggestion !== null);
  const changes = [];
  let last = -1;
  for (const d of [...certain].sort((a, b) => a.from - b.from)) {
    if (d.from < last) continue;
    changes.push({ from: d.from, to: d.to, insert: d.finding.suggestion });
    last = d.to;
  }
  if (changes.length) view.dispatch({ changes, userEvent: "input.accept" });
  view.focus();
});
select("undo").addEventListener("click", () => { undo(view); view.focus(); });
select("next").addEventListener("click", () => { nextDiagnostic(view); view.focus(); });
select("previous").addEventListener("click", () => { previousDiagnostic(view); view.focus(); });
select("copy").addEventListener("click", async () => {
  await navigator.clipboard.writeText(view.state.doc.toString());
  status.textContent = T.copied;
});
select("download").addEventListener("click", () => {
  const kind = select("format").value;
  const blob = new Blob([view.state.doc.toString()], { type: "text/plain;charset=utf-8" });
  const link = element("a", { href: URL.createObjectURL(blob), download: "draft." + ({ markdown: "md", html: "html" }[kind] || "txt") });
  link.click();
  URL.revokeObjectURL(link.href);
});
for (const id of ["lang", "style", "format"]) select(id).addEventListener("change", () => forceLinting(view));

window.tilmashEditor = view;  // for the browser tests and the timing benchmark
