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
