// Progressive enhancement only: every page works without this file.
// After an htmx swap, move focus to the new content's heading so that screen readers and
// keyboard users continue where the content changed.
document.addEventListener("htmx:afterSwap", (event) => {
  const heading = event.detail.target.querySelector("h1, h2, [data-focus-after-swap]");
  if (heading) {
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    heading.focus();
  }
});
// Error summaries take focus on load, so the person hears what went wrong first.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
});
