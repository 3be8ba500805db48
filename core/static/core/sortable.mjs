// Sortable tables, as progressive enhancement: a table marked data-sortable gets a button in each column
// heading (not in one marked data-sort-none, such as a column of checkboxes). Clicking sorts the rows of
// each body by that column, ascending then descending; the heading's aria-sort says which, and a polite
// live region tells screen reader users. A cell's data-sort-value (an ISO date, a number) is sorted on in
// place of its text. Without JavaScript the table stays as the server ordered it.

const collator = new Intl.Collator("en-GB", { numeric: true, sensitivity: "base" });

export function cellValue(row, index) {
  const cell = row.cells[index];
  if (!cell) return "";
  return cell.dataset.sortValue ?? cell.textContent.replace(/\s+/g, " ").trim();
}

export function compareValues(a, b) {
  if (a === b) return 0;
  if (a === "") return 1; // empty cells last, whichever way
  if (b === "") return -1;
  const numberA = Number(a.replace(/[,%£]/g, ""));
  const numberB = Number(b.replace(/[,%£]/g, ""));
  if (!Number.isNaN(numberA) && !Number.isNaN(numberB)) return numberA - numberB;
  return collator.compare(a, b);
}

function announce(table, text) {
  let region = table.parentElement.querySelector(":scope > .app-sort-status");
  if (!region) {
    region = document.createElement("p");
    region.className = "app-sort-status govuk-visually-hidden";
    region.setAttribute("aria-live", "polite");
    table.after(region);
  }
  region.textContent = text;
}

function sortBy(table, headings, index) {
  const heading = headings[index];
  const direction = heading.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
  for (const other of headings) {
    if (other.hasAttribute("aria-sort")) other.setAttribute("aria-sort", "none");
  }
  heading.setAttribute("aria-sort", direction);
  const sign = direction === "ascending" ? 1 : -1;
  for (const body of table.tBodies) {
    const rows = [...body.rows];
    rows.sort((a, b) => sign * compareValues(cellValue(a, index), cellValue(b, index)));
    body.append(...rows);
  }
  announce(table, `Sorted by ${heading.textContent.trim()}, ${direction}.`);
}

export function makeSortable(table) {
  if (!table.tHead || !table.tHead.rows.length || table.dataset.sortReady) return;
  table.dataset.sortReady = "true";
  const headings = [...table.tHead.rows[0].cells];
  headings.forEach((heading, index) => {
    if (heading.hasAttribute("data-sort-none") || heading.colSpan > 1) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "app-sort-button";
    button.append(...heading.childNodes);
    heading.append(button);
    heading.setAttribute("aria-sort", "none");
    button.addEventListener("click", () => sortBy(table, headings, index));
  });
}

export function makeAllSortable(root = document) {
  for (const table of root.querySelectorAll("table[data-sortable]")) makeSortable(table);
}

makeAllSortable();
document.body.addEventListener("htmx:afterSwap", (event) => makeAllSortable(event.target));
