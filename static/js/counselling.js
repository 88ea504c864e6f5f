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

// Multiple choices (languages, topics, referrals) as a type-ahead with chips: one tab stop
// instead of one per checkbox. The checkboxes stay in the form, hidden, and hold the values,
// so the server sees the same request with or without this script.
(() => {
  const strings = () => JSON.parse(document.getElementById("chips-strings")?.textContent || "{}");
  let counter = 0;

  function labelOf(box) {
    const label = box.id && document.querySelector(`label[for="${box.id}"]`);
    return (label ? label.textContent : box.value).trim();
  }

  function enhance(root) {
    const text = strings();
    const options = root.querySelector("[data-chips-options]");
    const legend = root.querySelector("legend");
    const boxes = [...options.querySelectorAll("input[type=checkbox]")];
    if (!boxes.length) return;
    const id = `chips-${++counter}`;
    const items = boxes.map((box) => {
      const group = box.closest(".topic-group")?.querySelector("legend")?.textContent.trim() || "";
      return { box, label: labelOf(box), group };
    });
    options.hidden = true;

    const ui = document.createElement("div");
    ui.className = "chips";
    const chips = document.createElement("ul");
    chips.className = "chips__list";
    chips.setAttribute("aria-label", `${text.chosen || "Chosen"}: ${legend.textContent.trim()}`);
    const input = document.createElement("input");
    input.type = "text";
    input.id = `${id}-input`;
    input.className = "chips__input";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", `${id}-listbox`);
    input.setAttribute("aria-labelledby", legend.id);
    const help = document.createElement("p");
    help.className = "hint chips__help";
    help.id = `${id}-help`;
    help.textContent = text.help || "";
    const described = [root.querySelector("fieldset")?.getAttribute("aria-describedby"), help.id];
    input.setAttribute("aria-describedby", described.filter(Boolean).join(" "));
    const listbox = document.createElement("ul");
    listbox.id = `${id}-listbox`;
    listbox.className = "chips__options";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-labelledby", legend.id);
    listbox.hidden = true;
    const status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    ui.append(help, input, listbox, chips, status);
    options.after(ui);

    let shown = [];
    let active = -1;

    function renderChips() {
      chips.replaceChildren();
      items.filter((item) => item.box.checked).forEach((item) => {
        const li = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "chip";
        button.tabIndex = -1;
        button.dataset.value = item.box.value;
        button.setAttribute("aria-label", `${item.label}: ${text.remove || "remove"}`);
        button.textContent = item.label;
        const cross = document.createElement("span");
        cross.setAttribute("aria-hidden", "true");
        cross.textContent = " ×";
        button.append(cross);
        li.append(button);
        chips.append(li);
      });
      chips.hidden = !chips.children.length;
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      active = index;
      [...listbox.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === index)));
      const current = listbox.children[index];
      if (current) {
        input.setAttribute("aria-activedescendant", current.id);
        current.scrollIntoView({ block: "nearest" });
      }
    }

    function open() {
      const query = input.value.trim().toLocaleLowerCase();
      shown = items.filter((item) => !item.box.checked &&
        (!query || item.label.toLocaleLowerCase().includes(query) ||
         item.group.toLocaleLowerCase().includes(query)));
      // Names that start with what was typed come first.
      shown.sort((a, b) => Number(!a.label.toLocaleLowerCase().startsWith(query)) -
                           Number(!b.label.toLocaleLowerCase().startsWith(query)));
      listbox.replaceChildren();
      shown.forEach((item, i) => {
        const li = document.createElement("li");
        li.id = `${id}-option-${i}`;
        li.setAttribute("role", "option");
        li.textContent = item.group ? `${item.label} (${item.group})` : item.label;
        li.addEventListener("mousedown", (event) => event.preventDefault());
        li.addEventListener("click", () => choose(item));
        listbox.append(li);
      });
      if (!shown.length) return close();
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight(query ? 0 : -1);
    }

    function choose(item) {
      item.box.checked = true;
      input.value = "";
      renderChips();
      close();
      status.textContent = `${item.label}: ${text.added || "added"}`;
      input.focus();
    }

    function unchoose(value) {
      const item = items.find((candidate) => candidate.box.value === value);
      if (!item) return;
      item.box.checked = false;
      renderChips();
      status.textContent = `${item.label}: ${text.removed || "removed"}`;
    }

    input.addEventListener("input", open);
    input.addEventListener("blur", close);
    input.addEventListener("keydown", (event) => {
      const isOpen = !listbox.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!isOpen) open();
        else highlight(Math.min(active + 1, shown.length - 1));
      } else if (event.key === "ArrowUp" && isOpen) {
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === "Enter" && isOpen && active >= 0) {
        event.preventDefault();
        choose(shown[active]);
      } else if (event.key === "Enter" && input.value.trim()) {
        // Words that match nothing must not send the form half done.
        event.preventDefault();
      } else if (event.key === "Escape" && isOpen) {
        event.preventDefault();
        close();
      } else if (event.key === "Backspace" && !input.value) {
        const last = chips.lastElementChild?.querySelector("button");
        if (last) unchoose(last.dataset.value);
      } else if (event.key === "ArrowLeft" && !input.value) {
        chips.lastElementChild?.querySelector("button")?.focus();
      }
    });
    chips.addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (!button) return;
      unchoose(button.dataset.value);
      input.focus();
    });
    chips.addEventListener("keydown", (event) => {
      const button = event.target.closest("button");
      if (!button) return;
      const li = button.parentElement;
      if (event.key === "ArrowLeft") li.previousElementSibling?.querySelector("button")?.focus();
      else if (event.key === "ArrowRight") (li.nextElementSibling?.querySelector("button") || input).focus();
      else if (["Delete", "Backspace"].includes(event.key)) {
        event.preventDefault();
        const next = li.nextElementSibling?.querySelector("button") || li.previousElementSibling?.querySelector("button");
        unchoose(button.dataset.value);
        (next && chips.querySelector(`button[data-value="${next.dataset.value}"]`) || input).focus();
      } else if (event.key === "Escape") input.focus();
    });
    renderChips();
  }

  function init() {
    document.querySelectorAll("[data-chips]").forEach((root) => {
      if (!root.dataset.chipsReady) {
        root.dataset.chipsReady = "true";
        enhance(root);
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
