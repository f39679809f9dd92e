// The findings list of one report: pure builder.
import { el } from "../dom.js";
import { fmtRange } from "../format.js";
import { evidenceItems, aboutSeries } from "./words.js";
import { severityOf } from "../state.js";

function evidenceChips(f, rule, unit) {
  const items = evidenceItems(f, rule, unit);
  if (!items.length) return null;
  return el(
    "div",
    { class: "lrh-evidence" },
    items.map((it) =>
      el(
        "span",
        { class: "lrh-ev" + (it.hint ? " hinted" : ""), title: it.hint || null, dataset: { key: it.key } },
        el("span", { class: "lrh-ev-k", text: it.label }),
        " ",
        el("span", { class: "lrh-ev-v", text: it.text })
      )
    )
  );
}

// The run's one recommendation, above its findings.
export function recommendation(rep) {
  const r = rep.recommendation;
  if (!r || typeof r !== "object" || !r.text) return null;
  return el(
    "div",
    { class: "lrh-recommendation", "data-testid": "recommendation", dataset: { kind: String(r.kind || "") } },
    el("b", { text: "Recommendation: " }),
    String(r.text)
  );
}

// `findings` are sorted worst first; `onToggle(i)` toggles the highlight.
export function findingsSection(rep, rules, highlight, onToggle) {
  const findings = rep.findings;
  const unit = rep.step_unit;
  const out = [el("h3", { class: "lrh-h3", text: findings.length ? "Findings (" + findings.length + ")" : "Findings" })];
  const rec = recommendation(rep);
  if (rec) out.push(rec);
  if (!findings.length) {
    out.push(el("p", { class: "lrh-ok", text: "No problems found: the schedule and the loss curves look healthy." }));
    return out;
  }
  const list = el("ul", { class: "lrh-finding-list" });
  findings.forEach((f, i) => {
    const sev = severityOf(f);
    const active = i === highlight;
    const rule = rules ? rules[f.kind] : null;
    const about = aboutSeries(f, rep);
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
          el("span", { class: "lrh-finding-kind", title: rule && rule.phrase ? rule.phrase : null, text: rule && rule.title ? rule.title : String(f.kind || "").replace(/_/g, " ") }),
          el("span", { class: "lrh-finding-range", text: fmtRange(f, unit) }),
          about ? el("span", { class: "lrh-finding-about", title: about.tag || null, text: "on " + about.label }) : null
        ),
        el("p", { class: "lrh-finding-msg", text: String(f.message || "") }),
        f.suggestion ? el("p", { class: "lrh-finding-sugg" }, el("b", { text: "Try: " }), String(f.suggestion)) : null,
        evidenceChips(f, rule, unit)
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
