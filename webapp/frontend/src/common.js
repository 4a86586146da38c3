// Shared by the workbench and translate mode: UI strings, the API call that the next
// keystroke cancels, code-point offsets (the API's) turned into UTF-16 ones (JavaScript's).

export function strings() {
  return JSON.parse(document.getElementById("ui-strings").textContent);
}

// Numbers as the page's language writes them (88,9 in Russian, Azerbaijani and Kazakh; 88.9 in English).
const numbers = new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 1 });

export function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => {
    if (!(key in values)) return "";
    return typeof values[key] === "number" ? numbers.format(values[key]) : String(values[key]);
  });
}

// Offsets in code points -> offsets in UTF-16 code units, for many offsets in one pass.
export function utf16Offsets(text, codePointOffsets) {
  const wanted = [...new Set(codePointOffsets)].sort((a, b) => a - b);
  const result = new Map();
  let unit = 0, point = 0, i = 0;
  while (i < wanted.length) {
    if (point === wanted[i]) { result.set(wanted[i], unit); i++; continue; }
    if (unit >= text.length) { result.set(wanted[i], text.length); i++; continue; }
    const code = text.charCodeAt(unit);
    unit += code >= 0xd800 && code <= 0xdbff && unit + 1 < text.length ? 2 : 1;
    point++;
  }
  return result;
}

// One request at a time: a new call (or cancel(), on a keystroke) aborts the one in flight.
export class LatestRequest {
  constructor(url, csrf) { this.url = url; this.csrf = csrf; this.controller = null; }
  cancel() { if (this.controller) { this.controller.abort(); this.controller = null; } }
  async post(body) {
    this.cancel();
    const controller = (this.controller = new AbortController());
    const response = await fetch(this.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": this.csrf },
      body: JSON.stringify(body),
      signal: controller.signal,
      credentials: "same-origin",
    });
    const data = await response.json().catch(() => ({}));
    if (this.controller === controller) this.controller = null;
    if (!response.ok) throw new Error((data.error && data.error.message) || response.statusText);
    return data;
  }
}

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === null || value === undefined) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));  // text, never HTML
  }
  return node;
}

export function isAbort(error) {
  return error && error.name === "AbortError";
}

import { EditorView } from "@codemirror/view";

// The page's font in the editor (CodeMirror's base theme would set a monospace one), and the card's spacing.
export const editorTheme = EditorView.theme({
  ".cm-scroller": { fontFamily: 'system-ui, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif', fontSize: "16px", lineHeight: "1.6" },
  ".cm-content": { padding: "8px 4px" },
  ".cm-diagnostic": { padding: "4px 8px 4px 6px" },
});
