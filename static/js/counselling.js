// Progressive enhancement: the server already ignores a second POST of the same form (its
// one-time token); disabling the button spares the person the wait and the doubt.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.matches("[data-single-submit]")) return;
  if (form.dataset.submitted) {
    event.preventDefault();
    return;
  }
  form.dataset.submitted = "true";
  form.querySelectorAll("button[type=submit]").forEach((button) => button.setAttribute("aria-disabled", "true"));
});
// Coming back with the browser's back button shows the page from its cache, submitted: make
// the form usable again (the token still guards against a second consultation).
window.addEventListener("pageshow", (event) => {
  if (!event.persisted) return;
  document.querySelectorAll("form[data-single-submit]").forEach((form) => {
    delete form.dataset.submitted;
    form.querySelectorAll("button[type=submit]").forEach((button) => button.removeAttribute("aria-disabled"));
  });
});
