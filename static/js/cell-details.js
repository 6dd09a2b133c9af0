// Each assessed matrix cell gets a "Details" disclosure whose commentary and texts are fetched from the cell's
// page when first opened, so the matrix itself carries only statuses and article references. Without
// JavaScript the status links to the cell's page, which shows the same and more.
function addDetails(cell, label, jurisdiction) {
  const link = cell.querySelector("a.cell-link");
  const details = document.createElement("details");
  details.className = "cell-details";
  const summary = document.createElement("summary");
  summary.textContent = label;
  const hidden = document.createElement("span");
  hidden.className = "visually-hidden";
  hidden.textContent = ` — ${jurisdiction}`;
  summary.append(hidden);
  const fragment = document.createElement("div");
  fragment.className = "cell-fragment";
  details.append(summary, fragment);
  details.addEventListener("toggle", async () => {
    if (!details.open || fragment.dataset.loaded) return;
    fragment.dataset.loaded = "1";
    const url = new URL(link.href);
    url.searchParams.set("format", "fragment");
    try {
      const response = await fetch(url, { headers: { Accept: "text/html" } });
      if (response.ok) fragment.innerHTML = await response.text();  // our own escaped template, same origin
    } catch {
      fragment.dataset.loaded = "";
    }
  });
  cell.append(details);
}

document.addEventListener("DOMContentLoaded", () => {
  const matrix = document.querySelector("table.matrix[data-details-label]");
  if (!matrix) return;
  const headings = [...matrix.querySelectorAll("thead th")].map((th) => th.querySelector("a")?.textContent ?? "");
  for (const cell of matrix.querySelectorAll("td[data-details]")) {
    addDetails(cell, matrix.dataset.detailsLabel, headings[cell.cellIndex]);
  }
});
