// The findings list of one report: pure builder.
import { el } from "../dom.js";
import { fmtValue, fmtRange, num } from "../format.js";
import { severityOf } from "../state.js";

export function fmtEvidence(v) {
  if (Array.isArray(v)) return v.map(fmtEvidence).join(", ");
  if (typeof v === "boolean") return String(v);
  if (v === null || v === undefined) return "–";
  const n = num(v);
  if (typeof v === "string" && Number.isNaN(n) && v !== "NaN") return v;
  return fmtValue(n);
}

function evidenceChips(f) {
  const evidence = f.evidence && typeof f.evidence === "object" ? Object.entries(f.evidence) : [];
  if (!evidence.length) return null;
  return el(
    "div",
    { class: "lrh-evidence" },
    evidence.map(([k, v]) =>
      el("span", { class: "lrh-ev" }, el("span", { class: "lrh-ev-k", text: k.replace(/_/g, " ") }), " ", el("span", { class: "lrh-ev-v", text: fmtEvidence(v) }))
    )
  );
}

// `findings` are sorted worst first; `onToggle(i)` toggles the highlight.
export function findingsSection(findings, unit, highlight, onToggle) {
  const out = [el("h3", { class: "lrh-h3", text: findings.length ? "Findings (" + findings.length + ")" : "Findings" })];
  if (!findings.length) {
    out.push(el("p", { class: "lrh-ok", text: "No problems found: the schedule and the loss curves look healthy." }));
    return out;
  }
  const list = el("ul", { class: "lrh-finding-list" });
  findings.forEach((f, i) => {
    const sev = severityOf(f);
    const active = i === highlight;
    list.appendChild(
      el(
        "li",
        {
          class: "lrh-finding sev-" + sev + (active ? " active" : ""),
          tabindex: "0",
          role: "button",
          "aria-pressed": active ? "true" : "false",
          dataset: { index: String(i), kind: String(f.kind) },
          onclick: () => onToggle(i),
          onkeydown: (ev) => {
            if (ev.key === "Enter" || ev.key === " ") {
              ev.preventDefault();
              onToggle(i);
            }
          },
        },
        el(
          "div",
          { class: "lrh-finding-head" },
          el("span", { class: "lrh-badge sev-" + sev, text: sev }),
          el("span", { class: "lrh-finding-kind", text: String(f.kind || "").replace(/_/g, " ") }),
          el("span", { class: "lrh-finding-range", text: fmtRange(f, unit) })
        ),
        el("p", { class: "lrh-finding-msg", text: String(f.message || "") }),
        f.suggestion ? el("p", { class: "lrh-finding-sugg" }, el("b", { text: "Try: " }), String(f.suggestion)) : null,
        evidenceChips(f)
      )
    );
  });
  out.push(list);
  return out;
}

// Marks the highlighted item without rebuilding the list.
export function markHighlight(container, highlight) {
  for (const node of container.querySelectorAll(".lrh-finding")) {
    const on = Number(node.dataset.index) === highlight;
    node.classList.toggle("active", on);
    node.setAttribute("aria-pressed", on ? "true" : "false");
  }
}
