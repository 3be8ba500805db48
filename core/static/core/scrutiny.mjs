// Starts GOV.UK Frontend's components (service navigation menu, error summary focus, tabs, …).
import { initAll } from "/static/govuk/govuk-frontend.min.js";
import "/static/core/sortable.mjs"; // sortable tables (data-sortable)

initAll();

// Nothing typed is lost. A section form (data-section) whose text changed is "unsaved" until it is
// saved; leaving the page then asks first, and approving sends every unsaved text with the approval,
// which saves them before it approves.
const unsaved = new Map();
document.addEventListener("input", (event) => {
  const form = event.target.closest("form[data-section]");
  if (form) unsaved.set(form.dataset.section, form);
});
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.matches("form[data-section]")) unsaved.delete(form.dataset.section);
  if (form.matches("form[data-approve]")) {
    for (const [id, section] of unsaved) {
      for (const [name, value] of [["body", section.elements.body.value], ["version", section.elements.version.value]]) {
        const field = document.createElement("input");
        field.type = "hidden";
        field.name = `section-${id}-${name}`;
        field.value = value;
        form.append(field);
      }
    }
    unsaved.clear();
  }
});
// A section saves itself when the person leaves its text (htmx, on change); it stays "unsaved" until
// the save has come back, so an approval sent meanwhile still carries its text (the same words saved
// twice are one save).
document.body.addEventListener("htmx:afterRequest", (event) => {
  const form = event.target.closest && event.target.closest("form[data-section]");
  if (form && event.detail.successful && unsaved.get(form.dataset.section) === form) {
    unsaved.delete(form.dataset.section);
  }
});
for (const form of document.querySelectorAll("form[data-section][data-conflict]")) {
  unsaved.set(form.dataset.section, form);  // a page shown after a refused save holds unsaved text
}
// A save refused because someone else saved first comes back with both texts: the person's own text,
// not saved yet, is in the box again, so it counts as unsaved until they save it.
document.body.addEventListener("htmx:afterSwap", (event) => {
  const form = event.detail.target.querySelector && event.detail.target.querySelector("form[data-section][data-conflict]");
  if (form) unsaved.set(form.dataset.section, form);
});
window.addEventListener("beforeunload", (event) => {
  if (unsaved.size) {
    event.preventDefault();
    event.returnValue = "";
  }
});
