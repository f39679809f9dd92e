// The experiment list, its summary line and the compare bar: pure builders.
import { el } from "../dom.js";
import { badgeStatus, statusOf, isCompare, colorOf } from "../state.js";

export function summaryText(list) {
  if (list === null) return "";
  const n = { critical: 0, warning: 0, healthy: 0 };
  for (const e of list) if (!e.pending || e.status) n[e.status in n ? e.status : "healthy"]++;
  const parts = [list.length + (list.length === 1 ? " experiment" : " experiments")];
  if (n.critical) parts.push(n.critical + " critical");
  if (n.warning) parts.push(n.warning + " warning");
  if (n.healthy) parts.push(n.healthy + " healthy");
  return parts.join(" · ");
}

function onActivate(fn) {
  return (ev) => {
    if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault();
      fn();
    }
  };
}

// One row; `actions` = {select(name), toggleCompare(name, on)}.
export function runRow(e, state, actions) {
  const checked = state.compare.has(e.name);
  const active = !isCompare(state) && state.selected === e.name;
  const counts = e.counts || {};
  const top = e.top_finding;
  const waiting = e.pending && !e.status;
  const badge = waiting ? "judging" : badgeStatus(e);
  const countText = [];
  if (counts.critical) countText.push(counts.critical + " critical");
  if (counts.warning) countText.push(counts.warning + " warning");
  if (counts.info) countText.push(counts.info + " info");
  // notes are shown once, above the experiment's chart; here only a count
  if (!waiting && e.notes && e.notes.length) countText.push(e.notes.length + (e.notes.length === 1 ? " note" : " notes"));
  return el(
    "div",
    {
      class: "lrh-run" + (active ? " active" : "") + (checked ? " checked" : ""),
      role: "option",
      tabindex: "0",
      "aria-selected": active ? "true" : "false",
      dataset: { status: waiting ? "pending" : statusOf(e) },
      onclick: () => actions.select(e.name),
      onkeydown: onActivate(() => actions.select(e.name)),
    },
    el(
      "div",
      { class: "lrh-run-line" },
      el("input", {
        type: "checkbox",
        class: "lrh-check",
        checked,
        title: "Compare",
        "aria-label": "Compare " + e.name,
        onclick: (ev) => ev.stopPropagation(),
        onchange: (ev) => actions.toggleCompare(e.name, ev.target.checked),
      }),
      checked ? el("span", { class: "lrh-dot", style: { backgroundColor: colorOf(state, e.name) } }) : null,
      el("span", { class: "lrh-run-name", title: e.name, text: e.name }),
      el("span", { class: "lrh-badge status-" + badge.replace(" ", ""), text: badge })
    ),
    waiting
      ? el("div", { class: "lrh-run-top muted", text: "Verdict not computed yet…" })
      : top
      ? el(
          "div",
          { class: "lrh-run-top sev-" + (top.severity || "info") },
          el("span", { class: "lrh-kind", text: (top.kind || "").replace(/_/g, " ") }),
          " ",
          el("span", { text: top.message || "" })
        )
      : el("div", { class: "lrh-run-top muted", text: "No findings." }),
    countText.length ? el("div", { class: "lrh-run-counts", text: countText.join(" · ") }) : null
  );
}

// The rows (or the reason there are none) for the shown experiments.
export function runList(shown, state, actions) {
  const out = [];
  if (state.listError && state.experiments !== null) {
    out.push(el("div", { class: "lrh-inline-error", text: "Reload failed: " + state.listError }));
  }
  if (state.sorted.length && !shown.length) {
    out.push(el("div", { class: "lrh-list-empty", text: "No experiment matches the filter." }));
  }
  for (const e of shown) out.push(runRow(e, state, actions));
  return out;
}

// Progress of the verdicts being filled in ("judging 120 of 500").
export function progress(state) {
  const total = (state.experiments || []).length;
  if (!state.pending || !total) return [];
  const done = total - state.pending;
  return [
    el("progress", { max: String(total), value: String(done), "aria-label": "Verdicts computed" }),
    el("span", { text: "judging " + done + " of " + total + "…" }),
  ];
}

export function compareBar(state, onClear) {
  const n = state.compare.size;
  if (n === 0) {
    if ((state.experiments || []).length < 2) return [];
    return [el("span", { class: "muted", text: "Tick two or more experiments to compare them." })];
  }
  return [
    el("span", { text: n === 1 ? "1 ticked: tick another to compare" : "Comparing " + n }),
    el("button", { class: "lrh-btn small", type: "button", text: "Clear", onclick: onClear }),
  ];
}
