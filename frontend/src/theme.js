// Light/dark theme following TensorBoard's own: its app toggles the class
// "dark-mode" on its <body> (header toggle: browser default, light or dark;
// "browser default" follows prefers-color-scheme). The plugin iframe is
// same-origin, so it watches that class; where the parent page is not
// reachable it follows prefers-color-scheme itself.

const LIGHT = {
  train: "#1a73e8",
  val: "#e8710a",
  fine: "rgba(26,115,232,0.35)",
  lr: "#188038",
  extraLr: ["#34a853", "#0d652d", "#81c995", "#a8dab5"],
  palette: ["#1a73e8", "#d93025", "#188038", "#9334e6", "#e8710a", "#12b5cb", "#795548", "#e52592", "#5f6368", "#b0a000"],
};
const DARK = {
  train: "#8ab4f8",
  val: "#fcad70",
  fine: "rgba(138,180,248,0.35)",
  lr: "#81c995",
  extraLr: ["#a8dab5", "#5bb974", "#ceead6", "#34a853"],
  palette: ["#8ab4f8", "#f28b82", "#81c995", "#d7aefb", "#fcad70", "#78d9ec", "#bcaaa4", "#ff8bcb", "#bdc1c6", "#fdd663"],
};

export function isDark() {
  return document.documentElement.classList.contains("lrh-dark");
}

export function colors() {
  return isDark() ? DARK : LIGHT;
}

function parentDark() {
  try {
    const body = window.parent !== window && window.parent.document && window.parent.document.body;
    if (body) return { known: true, dark: body.classList.contains("dark-mode"), body };
  } catch (err) {
    // cross-origin parent: fall through
  }
  return { known: false, dark: false, body: null };
}

// Applies the theme now and calls onChange() whenever it flips.
export function followTheme(onChange) {
  const media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  const apply = () => {
    const p = parentDark();
    const dark = p.known ? p.dark : !!(media && media.matches);
    const was = isDark();
    document.documentElement.classList.toggle("lrh-dark", dark);
    if (was !== dark && onChange) onChange(dark);
  };
  apply();
  const p = parentDark();
  if (p.body && typeof MutationObserver !== "undefined") {
    new MutationObserver(apply).observe(p.body, { attributes: true, attributeFilter: ["class"] });
  }
  if (media && media.addEventListener) media.addEventListener("change", apply);
}
