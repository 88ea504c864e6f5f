// Questionnaire, progressive enhancement only: every page works without this file.
// htmx does not swap 4xx answers by default; ours carry the question again with the error
// summary (400, 422) or the question that is due (409), so they are swapped like any answer.
document.addEventListener("htmx:beforeSwap", (event) => {
  const status = event.detail.xhr.status;
  if ([400, 409, 422].includes(status) && event.detail.target.closest(".questionnaire")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
// The language switch in the header returns to the page shown, also after htmx pushed a URL.
document.addEventListener("htmx:pushedIntoHistory", () => {
  const next = document.querySelector(".language-switch input[name='next']");
  if (next) next.value = window.location.pathname + window.location.search;
});
